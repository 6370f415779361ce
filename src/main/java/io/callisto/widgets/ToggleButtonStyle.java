package io.callisto.widgets;

/** The style of ToggleButton's (ipywidgets' {@code ToggleButtonStyleModel}): CSS values, null (or "") for the theme's. */
public final class ToggleButtonStyle extends Style<ToggleButtonStyle>
        implements DescriptionStyleTraits<ToggleButtonStyle>, FontTraits<ToggleButtonStyle> {
    public ToggleButtonStyle() {
        super("ToggleButtonStyleModel");
        trait("description_width", Kind.STRING, "");
        TraitGroups.font(this);
    }
}
