package io.callisto.widgets;

import java.util.List;
import java.util.Map;

/** One option of several, as a list box (ipywidgets' {@code Select}); the first option is chosen at first. */
public final class Select<T> extends Selection<Select<T>, T> {
    public Select() {
        super(Model.controls("SelectModel", "SelectView"), new DescriptionStyle());
        trait("rows", Kind.INT, 5);
    }

    public Select(List<? extends T> options) {
        this();
        options(options);
    }

    /** Options from labels to values. */
    public Select(Map<String, ? extends T> options) {
        this();
        options(options);
    }

    @Override
    public DescriptionStyle style() {
        return (DescriptionStyle) get("style");
    }

    /** How many options show at once. */
    public int rows() {
        return (Integer) get("rows");
    }

    public Select<T> rows(int rows) {
        return set("rows", rows);
    }
}
