package io.callisto.widgets;

import java.util.ArrayList;
import java.util.List;

/**
 * A widget with a view on the page (ipywidgets' {@code DOMWidget}): a {@link Layout}, CSS classes
 * ({@code _dom_classes}), and the {@code tabbable} and {@code tooltip} traits.
 */
public abstract class DOMWidget<S extends DOMWidget<S>> extends Widget<S> {
    protected DOMWidget(Model model) {
        super(model);
        trait("_dom_classes", Kind.STRINGS, List.of());
        trait("layout", Kind.WIDGET, new Layout());
        trait("tabbable", Kind.BOOL, null);
        trait("tooltip", Kind.STRING, null);
    }

    public Layout layout() {
        return (Layout) get("layout");
    }

    public S layout(Layout layout) {
        return set("layout", layout);
    }

    /** Adds a CSS class to the widget's element. */
    public S addClass(String className) {
        List<String> classes = new ArrayList<>(domClasses());
        if (!classes.contains(className)) {
            classes.add(className);
        }
        return set("_dom_classes", classes);
    }

    public S removeClass(String className) {
        List<String> classes = new ArrayList<>(domClasses());
        classes.remove(className);
        return set("_dom_classes", classes);
    }

    @SuppressWarnings("unchecked")
    public List<String> domClasses() {
        return (List<String>) get("_dom_classes");
    }

    /** Whether the widget is in the tab order; null leaves it to the browser. */
    public Boolean tabbable() {
        return (Boolean) get("tabbable");
    }

    public S tabbable(Boolean tabbable) {
        return set("tabbable", tabbable);
    }

    /** The hover text; null for none. */
    public String tooltip() {
        return (String) get("tooltip");
    }

    public S tooltip(String tooltip) {
        return set("tooltip", tooltip);
    }
}
