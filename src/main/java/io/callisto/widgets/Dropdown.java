package io.callisto.widgets;

import java.util.List;
import java.util.Map;

/** One option of several, as a drop-down list (ipywidgets' {@code Dropdown}); the first option is chosen at first. */
public final class Dropdown<T> extends Selection<Dropdown<T>, T> {
    public Dropdown() {
        super(Model.controls("DropdownModel", "DropdownView"), new DescriptionStyle());

    }

    public Dropdown(List<? extends T> options) {
        this();
        options(options);
    }

    /** Options from labels to values. */
    public Dropdown(Map<String, ? extends T> options) {
        this();
        options(options);
    }

    @Override
    public DescriptionStyle style() {
        return (DescriptionStyle) get("style");
    }
}
