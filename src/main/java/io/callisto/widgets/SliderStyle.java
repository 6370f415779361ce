package io.callisto.widgets;

/** The style of sliders' (ipywidgets' {@code SliderStyleModel}): CSS values, null (or "") for the theme's. */
public final class SliderStyle extends Style<SliderStyle> {
    public SliderStyle() {
        super("SliderStyleModel");
        trait("description_width", Kind.STRING, "");
        trait("handle_color", Kind.STRING, null);
    }

    public String descriptionWidth() {
        return (String) get("description_width");
    }

    public SliderStyle descriptionWidth(String descriptionWidth) {
        return set("description_width", descriptionWidth);
    }

    public String handleColor() {
        return (String) get("handle_color");
    }

    public SliderStyle handleColor(String handleColor) {
        return set("handle_color", handleColor);
    }
}
