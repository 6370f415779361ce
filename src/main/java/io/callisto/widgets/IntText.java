package io.callisto.widgets;

/** A text box for an int (ipywidgets' {@code IntText}); sends its value on Enter or blur. */
public final class IntText extends ValueControl<IntText, Integer> implements Disableable<IntText> {
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

    public int step() {
        return (Integer) get("step");
    }

    public IntText step(int step) {
        return set("step", step);
    }

    public boolean continuousUpdate() {
        return (Boolean) get("continuous_update");
    }

    public IntText continuousUpdate(boolean continuousUpdate) {
        return set("continuous_update", continuousUpdate);
    }
}
