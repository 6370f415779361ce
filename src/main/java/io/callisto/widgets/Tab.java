package io.callisto.widgets;

/** Children as tabs (ipywidgets' {@code Tab}). */
public final class Tab extends SelectionContainer<Tab> {
    public Tab(Widget<?>... children) {
        super(Model.controls("TabModel", "TabView"), children);
        // As ipywidgets' Tab: the first tab shows when there are any.
        if (children.length > 0) {
            selectedIndex(0);
        }
    }
}
