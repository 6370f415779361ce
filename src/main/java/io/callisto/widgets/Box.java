package io.callisto.widgets;

import java.util.Arrays;
import java.util.List;

/**
 * A container of widgets (ipywidgets' {@code Box}): {@code children} cross as "IPY_MODEL_&lt;id&gt;" references,
 * opened before the box; {@code box_style} is "success", "info", "warning", "danger" or "".
 */
public abstract class Box<S extends Box<S>> extends DOMWidget<S> {
    protected Box(Model model, Widget<?>... children) {
        super(model);
        trait("children", Kind.WIDGETS, List.of());
        trait("box_style", Kind.STRING, "");
        // Not children(…): a subclass overriding it has not declared its own traits yet.
        set("children", Arrays.asList(children));
    }

    @SuppressWarnings("unchecked")
    public List<Widget<?>> children() {
        return (List<Widget<?>>) get("children");
    }

    public S children(List<? extends Widget<?>> children) {
        return set("children", children);
    }

    public S children(Widget<?>... children) {
        return children(Arrays.asList(children));
    }

    public String boxStyle() {
        return (String) get("box_style");
    }

    public S boxStyle(String boxStyle) {
        return set("box_style", boxStyle);
    }
}
