package io.callisto.widgets;

/** The style of described widgets without a style class of their own (ipywidgets' {@code DescriptionStyleModel}): the label's width. */
public final class DescriptionStyle extends Style<DescriptionStyle> {
    public DescriptionStyle() {
        super("DescriptionStyleModel");
        trait("description_width", Kind.STRING, "");
    }

    public String descriptionWidth() {
        return (String) get("description_width");
    }

    public DescriptionStyle descriptionWidth(String descriptionWidth) {
        return set("description_width", descriptionWidth);
    }
}
