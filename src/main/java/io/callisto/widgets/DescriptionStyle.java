package io.callisto.widgets;

/** The style of described widgets without a style class of their own (ipywidgets' {@code DescriptionStyleModel}): the label's width. */
public final class DescriptionStyle extends Style<DescriptionStyle>
        implements DescriptionStyleTraits<DescriptionStyle> {
    public DescriptionStyle() {
        super("DescriptionStyleModel");
        trait("description_width", Kind.STRING, "");
    }
}
