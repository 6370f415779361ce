package io.callisto.widgets;

/** The style of HTML's (ipywidgets' {@code HTMLStyleModel}): CSS values, null (or "") for the theme's. */
public final class HTMLStyle extends Style<HTMLStyle> implements StringStyleTraits<HTMLStyle> {
    public HTMLStyle() {
        super("HTMLStyleModel");
        TraitGroups.stringStyle(this);
    }
}
