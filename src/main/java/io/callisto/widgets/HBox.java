package io.callisto.widgets;

import java.util.List;

/** Widgets in a row (ipywidgets' {@code HBox}). */
public final class HBox extends Box<HBox> {
    public HBox(Widget<?>... children) {
        super(Model.controls("HBoxModel", "HBoxView"), children);
    }

    public HBox(List<? extends Widget<?>> children) {
        this();
        children(children);
    }
}
