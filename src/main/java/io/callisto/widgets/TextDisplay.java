package io.callisto.widgets;

/** A string shown, not edited (ipywidgets' {@code Label}, {@code HTML}, {@code HTMLMath}): value "", a placeholder. */
public abstract class TextDisplay<S extends TextDisplay<S>> extends ValueControl<S, String> {
    protected TextDisplay(Model model, Style<?> style) {
        super(model, style, Kind.STRING, "");
        trait("placeholder", Kind.STRING, "\u200b");
    }

    public String placeholder() {
        return (String) get("placeholder");
    }

    public S placeholder(String placeholder) {
        return set("placeholder", placeholder);
    }
}
