package io.callisto.widgets;

/** A multi-line text box (ipywidgets' {@code Textarea}). */
public final class Textarea extends TextControl<Textarea> {
    public Textarea() {
        super(Model.controls("TextareaModel", "TextareaView"));
        trait("rows", Kind.INT, null);
    }

    public Textarea(String value) {
        this();
        value(value);
    }

    /** The height in lines; null for the browser's. */
    public Integer rows() {
        return (Integer) get("rows");
    }

    public Textarea rows(Integer rows) {
        return set("rows", rows);
    }
}
