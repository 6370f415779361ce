package io.callisto.widgets;

/** Children as collapsible sections (ipywidgets' {@code Accordion}). */
public final class Accordion extends SelectionContainer<Accordion> {
    public Accordion(Widget<?>... children) {
        super(Model.controls("AccordionModel", "AccordionView"), children);
    }
}
