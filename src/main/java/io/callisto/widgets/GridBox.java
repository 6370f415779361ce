package io.callisto.widgets;

import java.util.List;

/** Widgets in a CSS grid (set {@code gridTemplateColumns} and the like on its layout) (ipywidgets' {@code GridBox}). */
public final class GridBox extends Box<GridBox> {
    public GridBox(Widget<?>... children) {
        super(Model.controls("GridBoxModel", "GridBoxView"), children);
    }

    public GridBox(List<? extends Widget<?>> children) {
        this();
        children(children);
    }
}
