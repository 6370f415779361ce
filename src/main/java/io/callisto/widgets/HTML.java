package io.callisto.widgets;

/** Shows HTML (ipywidgets' {@code HTML}). */
public final class HTML extends TextDisplay<HTML> {
    public HTML() {
        super(Model.controls("HTMLModel", "HTMLView"), new HTMLStyle());
    }

    public HTML(String value) {
        this();
        value(value);
    }

    @Override
    public HTMLStyle style() {
        return (HTMLStyle) get("style");
    }
}
