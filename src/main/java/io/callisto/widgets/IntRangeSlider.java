package io.callisto.widgets;

import java.util.List;

/** A slider with two handles (ipywidgets' {@code IntRangeSlider}): value [0, 1] as [lower, upper] in [0, 100]. */
public final class IntRangeSlider extends ValueControl<IntRangeSlider, List<Integer>>
        implements IntBounds<IntRangeSlider>, IntStep<IntRangeSlider>, SliderTraits<IntRangeSlider> {
    public IntRangeSlider() {
        super(Model.controls("IntRangeSliderModel", "IntRangeSliderView"), new SliderStyle(), Kind.INTS, List.of(0, 1));
        trait("min", Kind.INT, 0);
        trait("max", Kind.INT, 100);
        trait("step", Kind.INT, 1);
        TraitGroups.slider(this, "d");
        boundValue();
    }

    /** Sets both ends. @return this slider */
    public IntRangeSlider value(int lower, int upper) {
        return value(List.of(lower, upper));
    }

    public int lower() {
        return value().get(0);
    }

    public int upper() {
        return value().get(1);
    }

    @Override
    public SliderStyle style() {
        return (SliderStyle) get("style");
    }
}
