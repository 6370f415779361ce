package io.callisto.widgets;

/** The style of ToggleButtons' (ipywidgets' {@code ToggleButtonsStyleModel}): CSS values, null (or "") for the theme's. */
public final class ToggleButtonsStyle extends Style<ToggleButtonsStyle> implements DescriptionStyleTraits<ToggleButtonsStyle> {
    public ToggleButtonsStyle() {
        super("ToggleButtonsStyleModel");
        trait("button_width", Kind.STRING, "");
        trait("description_width", Kind.STRING, "");
        trait("font_weight", Kind.STRING, "");
    }

    public String buttonWidth() {
        return (String) get("button_width");
    }

    public ToggleButtonsStyle buttonWidth(String buttonWidth) {
        return set("button_width", buttonWidth);
    }

    public String fontWeight() {
        return (String) get("font_weight");
    }

    public ToggleButtonsStyle fontWeight(String fontWeight) {
        return set("font_weight", fontWeight);
    }
}
