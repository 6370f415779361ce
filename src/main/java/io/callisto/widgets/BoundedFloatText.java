package io.callisto.widgets;

/** A text box for a double in [min, max] (ipywidgets' {@code BoundedFloatText}): value 0.0 in [0.0, 100.0]. */
public final class BoundedFloatText extends FloatControl<BoundedFloatText>
        implements FloatBounds<BoundedFloatText>, FloatStep<BoundedFloatText>, Disableable<BoundedFloatText> {
    public BoundedFloatText() {
        super(Model.controls("BoundedFloatTextModel", "FloatTextView"), new DescriptionStyle(), 0.0);
        trait("min", Kind.FLOAT, 0.0);
        trait("max", Kind.FLOAT, 100.0);
        trait("step", Kind.FLOAT, null);
        trait("continuous_update", Kind.BOOL, false);
        trait("disabled", Kind.BOOL, false);
        boundValue();
    }
}
