package io.callisto.widgets;

/** A slider for an int (ipywidgets' {@code IntSlider}): value 0 in [0, 100], step 1. */
public final class IntSlider extends ValueControl<IntSlider, Integer>
        implements IntBounds<IntSlider>, IntStep<IntSlider>, SliderTraits<IntSlider> {
    public IntSlider() {
        super(Model.controls("IntSliderModel", "IntSliderView"), new SliderStyle(), Kind.INT, 0);
        trait("min", Kind.INT, 0);
        trait("max", Kind.INT, 100);
        trait("step", Kind.INT, 1);
        TraitGroups.slider(this, "d");
        boundValue();
    }

    /** A slider at {@code value} in [{@code min}, {@code max}]. */
    public IntSlider(int value, int min, int max) {
        this();
        min(min).max(max).value(value);
    }

    @Override
    public SliderStyle style() {
        return (SliderStyle) get("style");
    }
}
