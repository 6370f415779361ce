package io.callisto.widgets;

/** A slider for an int (ipywidgets' {@code IntSlider}): value 0 in [0, 100], step 1. */
public final class IntSlider extends ValueControl<IntSlider, Integer> implements IntBounds<IntSlider>, SliderTraits<IntSlider> {
    public IntSlider() {
        super(Model.controls("IntSliderModel", "IntSliderView"), new SliderStyle(), Kind.INT, 0);
        trait("min", Kind.INT, 0);
        trait("max", Kind.INT, 100);
        trait("step", Kind.INT, 1);
        trait("behavior", Kind.STRING, "drag-tap");
        trait("continuous_update", Kind.BOOL, true);
        trait("disabled", Kind.BOOL, false);
        trait("orientation", Kind.STRING, "horizontal");
        trait("readout", Kind.BOOL, true);
        trait("readout_format", Kind.STRING, "d");
        boundValue();
    }

    /** A slider at {@code value} in [{@code min}, {@code max}]. */
    public IntSlider(int value, int min, int max) {
        this();
        min(min).max(max).value(value);
    }

    public int step() {
        return (Integer) get("step");
    }

    public IntSlider step(int step) {
        return set("step", step);
    }

    @Override
    public SliderStyle style() {
        return (SliderStyle) get("style");
    }
}
