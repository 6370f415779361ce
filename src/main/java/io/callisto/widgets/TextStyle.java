package io.callisto.widgets;

/** The style of Text's, Textarea's and Password's (ipywidgets' {@code TextStyleModel}): CSS values, null (or "") for the theme's. */
public final class TextStyle extends Style<TextStyle> implements StringStyleTraits<TextStyle> {
    public TextStyle() {
        super("TextStyleModel");
        TraitGroups.stringStyle(this);
    }
}
