package io.callisto.widgets;

/** The trait of every described widget's style (ipywidgets' {@code DescriptionStyle}): the label's width. */
public interface DescriptionStyleTraits<S> extends WithTraits<S> {
    /** The width of the description label, a CSS length; "" for the theme's. */
    default String descriptionWidth() {
        return (String) get("description_width");
    }

    /** Sets the width of the description label. @return this style */
    default S descriptionWidth(String descriptionWidth) {
        return set("description_width", descriptionWidth);
    }
}
