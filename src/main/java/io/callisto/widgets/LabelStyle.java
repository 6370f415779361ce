package io.callisto.widgets;

/** The style of Label's (ipywidgets' {@code LabelStyleModel}): CSS values, null (or "") for the theme's. */
public final class LabelStyle extends Style<LabelStyle> {
    public LabelStyle() {
        super("LabelStyleModel");
        trait("background", Kind.STRING, null);
        trait("description_width", Kind.STRING, "");
        trait("font_family", Kind.STRING, null);
        trait("font_size", Kind.STRING, null);
        trait("font_style", Kind.STRING, null);
        trait("font_variant", Kind.STRING, null);
        trait("font_weight", Kind.STRING, null);
        trait("text_color", Kind.STRING, null);
        trait("text_decoration", Kind.STRING, null);
    }

    public String background() {
        return (String) get("background");
    }

    public LabelStyle background(String background) {
        return set("background", background);
    }

    public String descriptionWidth() {
        return (String) get("description_width");
    }

    public LabelStyle descriptionWidth(String descriptionWidth) {
        return set("description_width", descriptionWidth);
    }

    public String fontFamily() {
        return (String) get("font_family");
    }

    public LabelStyle fontFamily(String fontFamily) {
        return set("font_family", fontFamily);
    }

    public String fontSize() {
        return (String) get("font_size");
    }

    public LabelStyle fontSize(String fontSize) {
        return set("font_size", fontSize);
    }

    public String fontStyle() {
        return (String) get("font_style");
    }

    public LabelStyle fontStyle(String fontStyle) {
        return set("font_style", fontStyle);
    }

    public String fontVariant() {
        return (String) get("font_variant");
    }

    public LabelStyle fontVariant(String fontVariant) {
        return set("font_variant", fontVariant);
    }

    public String fontWeight() {
        return (String) get("font_weight");
    }

    public LabelStyle fontWeight(String fontWeight) {
        return set("font_weight", fontWeight);
    }

    public String textColor() {
        return (String) get("text_color");
    }

    public LabelStyle textColor(String textColor) {
        return set("text_color", textColor);
    }

    public String textDecoration() {
        return (String) get("text_decoration");
    }

    public LabelStyle textDecoration(String textDecoration) {
        return set("text_decoration", textDecoration);
    }
}
