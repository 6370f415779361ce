package io.callisto.widgets;

/** The size and colour of a style's text, which {@link FontTraits} and {@link StringStyleTraits} share. */
public interface TextColorTraits<S> extends WithTraits<S> {
    /** The font size, a CSS value; null for the theme's. */
    default String fontSize() {
        return (String) get("font_size");
    }

    /** Sets the font size. @return this style */
    default S fontSize(String fontSize) {
        return set("font_size", fontSize);
    }

    /** The text colour, a CSS colour; null for the theme's. */
    default String textColor() {
        return (String) get("text_color");
    }

    /** Sets the text colour. @return this style */
    default S textColor(String textColor) {
        return set("text_color", textColor);
    }
}
