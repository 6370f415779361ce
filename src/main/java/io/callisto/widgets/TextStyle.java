package io.callisto.widgets;

/** The style of Text's, Textarea's and Password's (ipywidgets' {@code TextStyleModel}): CSS values, null (or "") for the theme's. */
public final class TextStyle extends Style<TextStyle> {
    public TextStyle() {
        super("TextStyleModel");
        trait("background", Kind.STRING, null);
        trait("description_width", Kind.STRING, "");
        trait("font_size", Kind.STRING, null);
        trait("text_color", Kind.STRING, null);
    }

    public String background() {
        return (String) get("background");
    }

    public TextStyle background(String background) {
        return set("background", background);
    }

    public String descriptionWidth() {
        return (String) get("description_width");
    }

    public TextStyle descriptionWidth(String descriptionWidth) {
        return set("description_width", descriptionWidth);
    }

    public String fontSize() {
        return (String) get("font_size");
    }

    public TextStyle fontSize(String fontSize) {
        return set("font_size", fontSize);
    }

    public String textColor() {
        return (String) get("text_color");
    }

    public TextStyle textColor(String textColor) {
        return set("text_color", textColor);
    }
}
