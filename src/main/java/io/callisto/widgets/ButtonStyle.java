package io.callisto.widgets;

/** The style of Button's (ipywidgets' {@code ButtonStyleModel}): CSS values, null (or "") for the theme's. */
public final class ButtonStyle extends Style<ButtonStyle> {
    public ButtonStyle() {
        super("ButtonStyleModel");
        trait("button_color", Kind.STRING, null);
        trait("font_family", Kind.STRING, null);
        trait("font_size", Kind.STRING, null);
        trait("font_style", Kind.STRING, null);
        trait("font_variant", Kind.STRING, null);
        trait("font_weight", Kind.STRING, null);
        trait("text_color", Kind.STRING, null);
        trait("text_decoration", Kind.STRING, null);
    }

    public String buttonColor() {
        return (String) get("button_color");
    }

    public ButtonStyle buttonColor(String buttonColor) {
        return set("button_color", buttonColor);
    }

    public String fontFamily() {
        return (String) get("font_family");
    }

    public ButtonStyle fontFamily(String fontFamily) {
        return set("font_family", fontFamily);
    }

    public String fontSize() {
        return (String) get("font_size");
    }

    public ButtonStyle fontSize(String fontSize) {
        return set("font_size", fontSize);
    }

    public String fontStyle() {
        return (String) get("font_style");
    }

    public ButtonStyle fontStyle(String fontStyle) {
        return set("font_style", fontStyle);
    }

    public String fontVariant() {
        return (String) get("font_variant");
    }

    public ButtonStyle fontVariant(String fontVariant) {
        return set("font_variant", fontVariant);
    }

    public String fontWeight() {
        return (String) get("font_weight");
    }

    public ButtonStyle fontWeight(String fontWeight) {
        return set("font_weight", fontWeight);
    }

    public String textColor() {
        return (String) get("text_color");
    }

    public ButtonStyle textColor(String textColor) {
        return set("text_color", textColor);
    }

    public String textDecoration() {
        return (String) get("text_decoration");
    }

    public ButtonStyle textDecoration(String textDecoration) {
        return set("text_decoration", textDecoration);
    }
}
