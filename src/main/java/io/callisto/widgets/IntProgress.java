package io.callisto.widgets;

/** A progress bar for an int (ipywidgets' {@code IntProgress}): value 0 in [0, 100]. */
public final class IntProgress extends ValueControl<IntProgress, Integer>
        implements IntBounds<IntProgress>, ProgressTraits<IntProgress> {
    public IntProgress() {
        super(Model.controls("IntProgressModel", "ProgressView"), new ProgressStyle(), Kind.INT, 0);
        trait("min", Kind.INT, 0);
        trait("max", Kind.INT, 100);
        trait("bar_style", Kind.STRING, "");
        trait("orientation", Kind.STRING, "horizontal");
        boundValue();
    }

    public IntProgress(int value, int min, int max) {
        this();
        min(min).max(max).value(value);
    }

    @Override
    public ProgressStyle style() {
        return (ProgressStyle) get("style");
    }
}
