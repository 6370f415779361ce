package io.callisto.widgets;

/**
 * Which frontend classes draw a widget: the {@code _model_*} and {@code _view_*} traits every widget state starts
 * with. The modules and versions are ipywidgets 8's ({@code @jupyter-widgets/controls} and {@code base} "2.0.0",
 * {@code @jupyter-widgets/output} "1.0.0").
 *
 * @param viewName null for a model without a view (links)
 */
record Model(String modelName, String modelModule, String modelModuleVersion,
        String viewName, String viewModule, String viewModuleVersion) {
    static final String CONTROLS = "@jupyter-widgets/controls";
    static final String BASE = "@jupyter-widgets/base";
    static final String OUTPUT = "@jupyter-widgets/output";
    static final String VERSION = "2.0.0";
    static final String OUTPUT_VERSION = "1.0.0";

    /** A model and view from {@code @jupyter-widgets/controls}, as most widgets are. */
    static Model controls(String modelName, String viewName) {
        return new Model(modelName, CONTROLS, VERSION, viewName, CONTROLS, VERSION);
    }

    /** A style model: the model in controls, drawn by base's StyleView. */
    static Model style(String modelName) {
        return new Model(modelName, CONTROLS, VERSION, "StyleView", BASE, VERSION);
    }
}
