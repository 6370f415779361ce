package io.callisto.widgets;

/** Shows plain text (ipywidgets' {@code Label}). */
public final class Label extends TextDisplay<Label> {
    public Label() {
        super(Model.controls("LabelModel", "LabelView"), new LabelStyle());
    }

    public Label(String value) {
        this();
        value(value);
    }

    @Override
    public LabelStyle style() {
        return (LabelStyle) get("style");
    }
}
