package io.callisto.widgets;

/** The style of progress bars' (ipywidgets' {@code ProgressStyleModel}): CSS values, null (or "") for the theme's. */
public final class ProgressStyle extends Style<ProgressStyle> implements DescriptionStyleTraits<ProgressStyle> {
    public ProgressStyle() {
        super("ProgressStyleModel");
        trait("bar_color", Kind.STRING, null);
        trait("description_width", Kind.STRING, "");
    }

    public String barColor() {
        return (String) get("bar_color");
    }

    public ProgressStyle barColor(String barColor) {
        return set("bar_color", barColor);
    }
}
