package io.callisto.widgets;

/** The style of Button's (ipywidgets' {@code ButtonStyleModel}): CSS values, null (or "") for the theme's. */
public final class ButtonStyle extends Style<ButtonStyle> implements FontTraits<ButtonStyle> {
    public ButtonStyle() {
        super("ButtonStyleModel");
        trait("button_color", Kind.STRING, null);
        TraitGroups.font(this);
    }

    public String buttonColor() {
        return (String) get("button_color");
    }

    public ButtonStyle buttonColor(String buttonColor) {
        return set("button_color", buttonColor);
    }
}
