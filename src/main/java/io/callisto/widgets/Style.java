package io.callisto.widgets;

/**
 * A style model: CSS values a widget's view applies to its parts (ipywidgets' {@code Style}; the models live in
 * {@code @jupyter-widgets/controls}, the view is {@code StyleView} of {@code @jupyter-widgets/base}).
 */
public abstract class Style<S extends Style<S>> extends Widget<S> {
    protected Style(String modelName) {
        super(Model.style(modelName));
    }
}
