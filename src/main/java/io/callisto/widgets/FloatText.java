package io.callisto.widgets;

/** A text box for a double (ipywidgets' {@code FloatText}); sends its value on Enter or blur. */
public final class FloatText extends FloatControl<FloatText>
        implements FloatStep<FloatText>, ContinuousUpdate<FloatText>, Disableable<FloatText> {
    public FloatText() {
        super(Model.controls("FloatTextModel", "FloatTextView"), new DescriptionStyle(), 0.0);
        trait("step", Kind.FLOAT, null);
        trait("continuous_update", Kind.BOOL, false);
        trait("disabled", Kind.BOOL, false);
    }

    public FloatText(double value) {
        this();
        value(value);
    }
}
