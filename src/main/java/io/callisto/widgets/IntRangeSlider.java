package io.callisto.widgets;

import java.util.List;

/** A slider with two handles (ipywidgets' {@code IntRangeSlider}): value [0, 1] as [lower, upper] in [0, 100]. */
public final class IntRangeSlider extends ValueControl<IntRangeSlider, List<Integer>>
        implements IntBounds<IntRangeSlider>, SliderTraits<IntRangeSlider> {
    public IntRangeSlider() {
        super(Model.controls("IntRangeSliderModel", "IntRangeSliderView"), new SliderStyle(), Kind.INTS, List.of(0, 1));
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

    public int step() {
        return (Integer) get("step");
    }

    public IntRangeSlider step(int step) {
        return set("step", step);
    }

    @Override
    public SliderStyle style() {
        return (SliderStyle) get("style");
    }
}
