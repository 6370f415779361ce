package io.callisto.widgets;

/** The style of Checkbox's (ipywidgets' {@code CheckboxStyleModel}): CSS values, null (or "") for the theme's. */
public final class CheckboxStyle extends Style<CheckboxStyle> implements DescriptionStyleTraits<CheckboxStyle> {
    public CheckboxStyle() {
        super("CheckboxStyleModel");
        trait("background", Kind.STRING, null);
        trait("description_width", Kind.STRING, "");
    }

    public String background() {
        return (String) get("background");
    }

    public CheckboxStyle background(String background) {
        return set("background", background);
    }
}
