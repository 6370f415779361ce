package io.callisto.widgets;

/** The style of HTMLMath's (ipywidgets' {@code HTMLMathStyleModel}): CSS values, null (or "") for the theme's. */
public final class HTMLMathStyle extends Style<HTMLMathStyle> {
    public HTMLMathStyle() {
        super("HTMLMathStyleModel");
        trait("background", Kind.STRING, null);
        trait("description_width", Kind.STRING, "");
        trait("font_size", Kind.STRING, null);
        trait("text_color", Kind.STRING, null);
    }

    public String background() {
        return (String) get("background");
    }

    public HTMLMathStyle background(String background) {
        return set("background", background);
    }

    public String descriptionWidth() {
        return (String) get("description_width");
    }

    public HTMLMathStyle descriptionWidth(String descriptionWidth) {
        return set("description_width", descriptionWidth);
    }

    public String fontSize() {
        return (String) get("font_size");
    }

    public HTMLMathStyle fontSize(String fontSize) {
        return set("font_size", fontSize);
    }

    public String textColor() {
        return (String) get("text_color");
    }

    public HTMLMathStyle textColor(String textColor) {
        return set("text_color", textColor);
    }
}
