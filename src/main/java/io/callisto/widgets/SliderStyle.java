package io.callisto.widgets;

/** The style of sliders' (ipywidgets' {@code SliderStyleModel}): CSS values, null (or "") for the theme's. */
public final class SliderStyle extends Style<SliderStyle> implements DescriptionStyleTraits<SliderStyle> {
    public SliderStyle() {
        super("SliderStyleModel");
        trait("description_width", Kind.STRING, "");
        trait("handle_color", Kind.STRING, null);
    }

    public String handleColor() {
        return (String) get("handle_color");
    }

    public SliderStyle handleColor(String handleColor) {
        return set("handle_color", handleColor);
    }
}
