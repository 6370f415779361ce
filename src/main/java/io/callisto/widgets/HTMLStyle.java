package io.callisto.widgets;

/** The style of HTML's (ipywidgets' {@code HTMLStyleModel}): CSS values, null (or "") for the theme's. */
public final class HTMLStyle extends Style<HTMLStyle> {
    public HTMLStyle() {
        super("HTMLStyleModel");
        trait("background", Kind.STRING, null);
        trait("description_width", Kind.STRING, "");
        trait("font_size", Kind.STRING, null);
        trait("text_color", Kind.STRING, null);
    }

    public String background() {
        return (String) get("background");
    }

    public HTMLStyle background(String background) {
        return set("background", background);
    }

    public String descriptionWidth() {
        return (String) get("description_width");
    }

    public HTMLStyle descriptionWidth(String descriptionWidth) {
        return set("description_width", descriptionWidth);
    }

    public String fontSize() {
        return (String) get("font_size");
    }

    public HTMLStyle fontSize(String fontSize) {
        return set("font_size", fontSize);
    }

    public String textColor() {
        return (String) get("text_color");
    }

    public HTMLStyle textColor(String textColor) {
        return set("text_color", textColor);
    }
}
