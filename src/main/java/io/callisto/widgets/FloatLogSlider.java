package io.callisto.widgets;

/**
 * A slider on a log scale (ipywidgets' {@code FloatLogSlider}): {@code min}, {@code max} and {@code step} are
 * exponents of {@code base}; value 1.0 between 10^0 and 10^4.
 */
public final class FloatLogSlider extends FloatControl<FloatLogSlider>
        implements FloatStep<FloatLogSlider>, SliderTraits<FloatLogSlider> {
    public FloatLogSlider() {
        super(Model.controls("FloatLogSliderModel", "FloatLogSliderView"), new SliderStyle(), 1.0);
        trait("base", Kind.FLOAT, 10.0);
        trait("min", Kind.FLOAT, 0.0);
        trait("max", Kind.FLOAT, 4.0);
        trait("step", Kind.FLOAT, 0.1);
        TraitGroups.slider(this, ".3g");
    }

    public double base() {
        return (Double) get("base");
    }

    public FloatLogSlider base(double base) {
        return set("base", base);
    }

    /** The smallest exponent. */
    public double min() {
        return (Double) get("min");
    }

    public FloatLogSlider min(double min) {
        return set("min", min);
    }

    /** The largest exponent. */
    public double max() {
        return (Double) get("max");
    }

    public FloatLogSlider max(double max) {
        return set("max", max);
    }

    @Override
    public SliderStyle style() {
        return (SliderStyle) get("style");
    }
}
