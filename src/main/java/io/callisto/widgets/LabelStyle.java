package io.callisto.widgets;

/** The style of Label's (ipywidgets' {@code LabelStyleModel}): CSS values, null (or "") for the theme's. */
public final class LabelStyle extends Style<LabelStyle> implements StringStyleTraits<LabelStyle>, FontTraits<LabelStyle> {
    public LabelStyle() {
        super("LabelStyleModel");
        trait("background", Kind.STRING, null);
        trait("description_width", Kind.STRING, "");
        TraitGroups.font(this);
    }
}
