package io.callisto.widgets;

/** The style of HTMLMath's (ipywidgets' {@code HTMLMathStyleModel}): CSS values, null (or "") for the theme's. */
public final class HTMLMathStyle extends Style<HTMLMathStyle> implements StringStyleTraits<HTMLMathStyle> {
    public HTMLMathStyle() {
        super("HTMLMathStyleModel");
        TraitGroups.stringStyle(this);
    }
}
