package io.callisto.widgets;

/**
 * The traits of the styles of widgets that show a string (ipywidgets' {@code _StringStyle}: Label's, HTML's,
 * HTMLMath's and Text's): a background besides the label's width and the text's size and colour.
 */
public interface StringStyleTraits<S> extends DescriptionStyleTraits<S>, TextColorTraits<S> {
    /** The background, a CSS colour; null for the theme's. */
    default String background() {
        return (String) get("background");
    }

    /** Sets the background. @return this style */
    default S background(String background) {
        return set("background", background);
    }
}
