package io.callisto.widgets;

import java.util.List;

/**
 * A box showing one child at a time under a title (ipywidgets' {@code _SelectionContainer}): {@code titles} (one
 * per child) and {@code selected_index} (null for none).
 */
public abstract class SelectionContainer<S extends SelectionContainer<S>> extends Box<S> {
    protected SelectionContainer(Model model, Widget<?>... children) {
        super(model);
        trait("titles", Kind.STRINGS, List.of());
        trait("selected_index", Kind.INT, null);
        children(children);
    }

    @Override
    public S children(List<? extends Widget<?>> children) {
        super.children(children);
        if (selectedIndex() != null && selectedIndex() >= children.size()) {
            selectedIndex(null);
        }
        return self();
    }

    @SuppressWarnings("unchecked")
    public List<String> titles() {
        return (List<String>) get("titles");
    }

    public S titles(List<String> titles) {
        return set("titles", titles);
    }

    public S titles(String... titles) {
        return titles(List.of(titles));
    }

    /** Sets one child's title, padding the titles with "" as needed. */
    public S title(int index, String title) {
        java.util.List<String> titles = new java.util.ArrayList<>(titles());
        while (titles.size() <= index) {
            titles.add("");
        }
        titles.set(index, title);
        return titles(titles);
    }

    /** The index of the child shown; null for none. */
    public Integer selectedIndex() {
        return (Integer) get("selected_index");
    }

    public S selectedIndex(Integer selectedIndex) {
        return set("selected_index", selectedIndex);
    }
}
