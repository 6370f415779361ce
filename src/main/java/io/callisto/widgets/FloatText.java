package io.callisto.widgets;

/** A text box for a double (ipywidgets' {@code FloatText}); sends its value on Enter or blur. */
public final class FloatText extends FloatControl<FloatText> implements Disableable<FloatText> {
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

    /** The arrows' step; null for the browser's. */
    public Double step() {
        return (Double) get("step");
    }

    public FloatText step(Double step) {
        return set("step", step);
    }

    public boolean continuousUpdate() {
        return (Boolean) get("continuous_update");
    }

    public FloatText continuousUpdate(boolean continuousUpdate) {
        return set("continuous_update", continuousUpdate);
    }
}
