package io.callisto.widgets;

/** Shows HTML with LaTeX math between $ signs, typeset by MathJax (ipywidgets' {@code HTMLMath}). */
public final class HTMLMath extends TextDisplay<HTMLMath> {
    public HTMLMath() {
        super(Model.controls("HTMLMathModel", "HTMLMathView"), new HTMLMathStyle());
    }

    public HTMLMath(String value) {
        this();
        value(value);
    }

    @Override
    public HTMLMathStyle style() {
        return (HTMLMathStyle) get("style");
    }
}
