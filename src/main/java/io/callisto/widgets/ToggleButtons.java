package io.callisto.widgets;

import java.util.List;
import java.util.Map;

/** One option of several, as a row of buttons (ipywidgets' {@code ToggleButtons}); the first is chosen at first. */
public final class ToggleButtons<T> extends Selection<ToggleButtons<T>, T> {
    public ToggleButtons() {
        super(Model.controls("ToggleButtonsModel", "ToggleButtonsView"), new ToggleButtonsStyle());
        trait("button_style", Kind.STRING, "");
        trait("icons", Kind.STRINGS, List.of());
        trait("tooltips", Kind.STRINGS, List.of());
    }

    public ToggleButtons(List<? extends T> options) {
        this();
        options(options);
    }

    public ToggleButtons(Map<String, ? extends T> options) {
        this();
        options(options);
    }

    /** "primary", "success", "info", "warning", "danger" or "". */
    public String buttonStyle() {
        return (String) get("button_style");
    }

    public ToggleButtons<T> buttonStyle(String buttonStyle) {
        return set("button_style", buttonStyle);
    }

    /** One Font Awesome icon name per button. */
    @SuppressWarnings("unchecked")
    public List<String> icons() {
        return (List<String>) get("icons");
    }

    public ToggleButtons<T> icons(List<String> icons) {
        return set("icons", icons);
    }

    /** One hover text per button. */
    @SuppressWarnings("unchecked")
    public List<String> tooltips() {
        return (List<String>) get("tooltips");
    }

    public ToggleButtons<T> tooltips(List<String> tooltips) {
        return set("tooltips", tooltips);
    }

    @Override
    public ToggleButtonsStyle style() {
        return (ToggleButtonsStyle) get("style");
    }
}
