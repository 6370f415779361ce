package io.callisto.widgets;

/**
 * The full font traits of Button's, ToggleButton's and Label's styles: family, style, variant, weight and
 * decoration besides size and colour. CSS values; null for the theme's.
 */
public interface FontTraits<S> extends TextColorTraits<S> {
    /** The CSS font-family. */
    default String fontFamily() {
        return (String) get("font_family");
    }

    /** Sets the CSS font-family. @return this style */
    default S fontFamily(String fontFamily) {
        return set("font_family", fontFamily);
    }

    /** The CSS font-style, e.g. "italic". */
    default String fontStyle() {
        return (String) get("font_style");
    }

    /** Sets the CSS font-style. @return this style */
    default S fontStyle(String fontStyle) {
        return set("font_style", fontStyle);
    }

    /** The CSS font-variant, e.g. "small-caps". */
    default String fontVariant() {
        return (String) get("font_variant");
    }

    /** Sets the CSS font-variant. @return this style */
    default S fontVariant(String fontVariant) {
        return set("font_variant", fontVariant);
    }

    /** The CSS font-weight, e.g. "bold". */
    default String fontWeight() {
        return (String) get("font_weight");
    }

    /** Sets the CSS font-weight. @return this style */
    default S fontWeight(String fontWeight) {
        return set("font_weight", fontWeight);
    }

    /** The CSS text-decoration, e.g. "underline". */
    default String textDecoration() {
        return (String) get("text_decoration");
    }

    /** Sets the CSS text-decoration. @return this style */
    default S textDecoration(String textDecoration) {
        return set("text_decoration", textDecoration);
    }
}
