package io.callisto.widgets;

/** A progress bar for a double (ipywidgets' {@code FloatProgress}): value 0.0 in [0.0, 100.0]. */
public final class FloatProgress extends FloatControl<FloatProgress>
        implements FloatBounds<FloatProgress>, ProgressTraits<FloatProgress> {
    public FloatProgress() {
        super(Model.controls("FloatProgressModel", "ProgressView"), new ProgressStyle(), 0.0);
        trait("min", Kind.FLOAT, 0.0);
        trait("max", Kind.FLOAT, 100.0);
        trait("bar_style", Kind.STRING, "");
        trait("orientation", Kind.STRING, "horizontal");
        boundValue();
    }

    @Override
    public ProgressStyle style() {
        return (ProgressStyle) get("style");
    }
}
