package io.callisto.widgets;

/**
 * Declares the traits that the trait interfaces several widgets share read ({@link FontTraits},
 * {@link StringStyleTraits}, {@link SliderTraits}), with ipywidgets' defaults. Constructors call these
 * where the group stands in their declaration order, which is the order of the state sent in comm_open.
 */
final class TraitGroups {
    private TraitGroups() {
    }

    /** {@link FontTraits}: font_family to text_decoration, all null (the theme's). */
    static void font(Widget<?> widget) {
        widget.trait("font_family", Kind.STRING, null);
        widget.trait("font_size", Kind.STRING, null);
        widget.trait("font_style", Kind.STRING, null);
        widget.trait("font_variant", Kind.STRING, null);
        widget.trait("font_weight", Kind.STRING, null);
        widget.trait("text_color", Kind.STRING, null);
        widget.trait("text_decoration", Kind.STRING, null);
    }

    /** {@link StringStyleTraits}: background, description_width, font_size and text_color. */
    static void stringStyle(Widget<?> widget) {
        widget.trait("background", Kind.STRING, null);
        widget.trait("description_width", Kind.STRING, "");
        widget.trait("font_size", Kind.STRING, null);
        widget.trait("text_color", Kind.STRING, null);
    }

    /** {@link SliderTraits}: behavior to readout_format, with {@code disabled}; the readout format differs by slider. */
    static void slider(Widget<?> widget, String readoutFormat) {
        widget.trait("behavior", Kind.STRING, "drag-tap");
        widget.trait("continuous_update", Kind.BOOL, true);
        widget.trait("disabled", Kind.BOOL, false);
        widget.trait("orientation", Kind.STRING, "horizontal");
        widget.trait("readout", Kind.BOOL, true);
        widget.trait("readout_format", Kind.STRING, readoutFormat);
    }
}
