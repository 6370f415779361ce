package io.callisto.widgets;

/** A text box for an int (ipywidgets' {@code IntText}); sends its value on Enter or blur. */
public final class IntText extends ValueControl<IntText, Integer>
        implements IntStep<IntText>, ContinuousUpdate<IntText>, Disableable<IntText> {
    public IntText() {
        super(Model.controls("IntTextModel", "IntTextView"), new DescriptionStyle(), Kind.INT, 0);
        trait("step", Kind.INT, 1);
        trait("continuous_update", Kind.BOOL, false);
        trait("disabled", Kind.BOOL, false);
    }

    public IntText(int value) {
        this();
        value(value);
    }
}
