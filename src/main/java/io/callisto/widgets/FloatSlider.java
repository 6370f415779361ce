package io.callisto.widgets;

/** A slider for a double (ipywidgets' {@code FloatSlider}): value 0.0 in [0.0, 100.0], step 0.1. */
public final class FloatSlider extends FloatControl<FloatSlider>
        implements FloatBounds<FloatSlider>, FloatStep<FloatSlider>, SliderTraits<FloatSlider> {
    public FloatSlider() {
        super(Model.controls("FloatSliderModel", "FloatSliderView"), new SliderStyle(), 0.0);
        trait("min", Kind.FLOAT, 0.0);
        trait("max", Kind.FLOAT, 100.0);
        trait("step", Kind.FLOAT, 0.1);
        TraitGroups.slider(this, ".2f");
        boundValue();
    }

    /** A slider at {@code value} in [{@code min}, {@code max}]. */
    public FloatSlider(double value, double min, double max) {
        this();
        min(min).max(max).value(value);
    }

    @Override
    public SliderStyle style() {
        return (SliderStyle) get("style");
    }
}
