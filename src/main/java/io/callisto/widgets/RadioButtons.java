package io.callisto.widgets;

import java.util.List;
import java.util.Map;

/** One option of several, as radio buttons (ipywidgets' {@code RadioButtons}); the first option is chosen at first. */
public final class RadioButtons<T> extends Selection<RadioButtons<T>, T> {
    public RadioButtons() {
        super(Model.controls("RadioButtonsModel", "RadioButtonsView"), new DescriptionStyle());
        trait("orientation", Kind.STRING, "vertical");
    }

    public RadioButtons(List<? extends T> options) {
        this();
        options(options);
    }

    /** Options from labels to values. */
    public RadioButtons(Map<String, ? extends T> options) {
        this();
        options(options);
    }

    @Override
    public DescriptionStyle style() {
        return (DescriptionStyle) get("style");
    }

    /** "vertical" (default) or "horizontal". */
    public String orientation() {
        return (String) get("orientation");
    }

    public RadioButtons<T> orientation(String orientation) {
        return set("orientation", orientation);
    }
}
