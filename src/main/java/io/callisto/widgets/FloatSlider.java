package io.callisto.widgets;

/** A slider for a double (ipywidgets' {@code FloatSlider}): value 0.0 in [0.0, 100.0], step 0.1. */
public final class FloatSlider extends FloatControl<FloatSlider> implements FloatBounds<FloatSlider>, SliderTraits<FloatSlider> {
    public FloatSlider() {
        super(Model.controls("FloatSliderModel", "FloatSliderView"), new SliderStyle(), 0.0);
        trait("min", Kind.FLOAT, 0.0);
        trait("max", Kind.FLOAT, 100.0);
        trait("step", Kind.FLOAT, 0.1);
        trait("behavior", Kind.STRING, "drag-tap");
        trait("continuous_update", Kind.BOOL, true);
        trait("disabled", Kind.BOOL, false);
        trait("orientation", Kind.STRING, "horizontal");
        trait("readout", Kind.BOOL, true);
        trait("readout_format", Kind.STRING, ".2f");
        boundValue();
    }

    /** A slider at {@code value} in [{@code min}, {@code max}]. */
    public FloatSlider(double value, double min, double max) {
        this();
        min(min).max(max).value(value);
    }

    /** The step; null lets the value take any number. */
    public Double step() {
        return (Double) get("step");
    }

    public FloatSlider step(Double step) {
        return set("step", step);
    }

    @Override
    public SliderStyle style() {
        return (SliderStyle) get("style");
    }
}
