package io.callisto.widgets;

/** An editable string (ipywidgets' {@code Text}, {@code Textarea}, {@code Password}): value "", a placeholder. */
public abstract class TextControl<S extends TextControl<S>> extends ValueControl<S, String>
        implements ContinuousUpdate<S>, Disableable<S> {
    protected TextControl(Model model) {
        super(model, new TextStyle(), Kind.STRING, "");
        trait("placeholder", Kind.STRING, "\u200b");
        trait("continuous_update", Kind.BOOL, true);
        trait("disabled", Kind.BOOL, false);
    }

    /** The grey text shown while empty (a zero-width space by default, as ipywidgets). */
    public String placeholder() {
        return (String) get("placeholder");
    }

    public S placeholder(String placeholder) {
        return set("placeholder", placeholder);
    }

    @Override
    public TextStyle style() {
        return (TextStyle) get("style");
    }
}
