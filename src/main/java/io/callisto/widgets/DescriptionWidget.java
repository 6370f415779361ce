package io.callisto.widgets;

/**
 * A widget with a label beside it (ipywidgets' {@code DescriptionWidget}): {@code description},
 * {@code description_allow_html} and a style model whose class depends on the widget.
 */
public abstract class DescriptionWidget<S extends DescriptionWidget<S>> extends DOMWidget<S> {
    protected DescriptionWidget(Model model, Style<?> style) {
        super(model);
        trait("description", Kind.STRING, "");
        trait("description_allow_html", Kind.BOOL, false);
        trait("style", Kind.WIDGET, style);
    }

    /** The label. */
    public String description() {
        return (String) get("description");
    }

    public S description(String description) {
        return set("description", description);
    }

    /** Whether the label is HTML rather than text. */
    public boolean descriptionAllowHtml() {
        return (Boolean) get("description_allow_html");
    }

    public S descriptionAllowHtml(boolean allowHtml) {
        return set("description_allow_html", allowHtml);
    }

    /** The style model; subclasses return their own style class. */
    public Style<?> style() {
        return (Style<?>) get("style");
    }
}
