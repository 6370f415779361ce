package io.callisto.widgets;

import java.util.List;

/** Widgets in a column (ipywidgets' {@code VBox}). */
public final class VBox extends Box<VBox> {
    public VBox(Widget<?>... children) {
        super(Model.controls("VBoxModel", "VBoxView"), children);
    }

    public VBox(List<? extends Widget<?>> children) {
        this();
        children(children);
    }
}
