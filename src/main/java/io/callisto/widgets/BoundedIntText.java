package io.callisto.widgets;

/** A text box for an int in [min, max] (ipywidgets' {@code BoundedIntText}): value 0 in [0, 100]. */
public final class BoundedIntText extends ValueControl<BoundedIntText, Integer>
        implements IntBounds<BoundedIntText>, IntStep<BoundedIntText>, ContinuousUpdate<BoundedIntText>,
                Disableable<BoundedIntText> {
    public BoundedIntText() {
        super(Model.controls("BoundedIntTextModel", "IntTextView"), new DescriptionStyle(), Kind.INT, 0);
        trait("min", Kind.INT, 0);
        trait("max", Kind.INT, 100);
        trait("step", Kind.INT, 1);
        trait("continuous_update", Kind.BOOL, false);
        trait("disabled", Kind.BOOL, false);
        boundValue();
    }

    public BoundedIntText(int value, int min, int max) {
        this();
        min(min).max(max).value(value);
    }
}
