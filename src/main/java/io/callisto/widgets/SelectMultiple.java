package io.callisto.widgets;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * Several options of a list box (ipywidgets' {@code SelectMultiple}): the frontend syncs the chosen
 * {@code index} list; {@link #value()} is the options at those indexes. Listeners may observe "value" too.
 */
public final class SelectMultiple<T> extends DescriptionWidget<SelectMultiple<T>>
        implements ValueWidget<List<T>>, Disableable<SelectMultiple<T>> {
    private volatile Options<T> options = Options.of(List.of());

    public SelectMultiple() {
        super(Model.controls("SelectMultipleModel", "SelectMultipleView"), new DescriptionStyle());
        trait("_options_labels", Kind.STRINGS, List.of());
        trait("index", Kind.INTS, List.of());
        trait("rows", Kind.INT, 5);
        trait("disabled", Kind.BOOL, false);
    }

    public SelectMultiple(List<? extends T> options) {
        this();
        options(options);
    }

    public SelectMultiple<T> options(List<? extends T> options) {
        return options(Options.of(options));
    }

    public SelectMultiple<T> options(Map<String, ? extends T> labeled) {
        return options(Options.of(labeled));
    }

    private SelectMultiple<T> options(Options<T> next) {
        List<Integer> kept = new ArrayList<>();
        for (T chosen : value()) {
            if (next.values().contains(chosen)) {
                kept.add(next.values().indexOf(chosen));
            }
        }
        options = next;
        set("_options_labels", next.labels());
        return set("index", kept);
    }

    public List<T> options() {
        return options.values();
    }

    @SuppressWarnings("unchecked")
    public List<Integer> index() {
        return (List<Integer>) get("index");
    }

    public SelectMultiple<T> index(Collection<Integer> index) {
        return set("index", index);
    }

    /** The chosen options, in the order of the options. */
    @Override
    public List<T> value() {
        return at(options, index());
    }

    /** Chooses these options. @throws IllegalArgumentException when one is not an option */
    @Override
    public SelectMultiple<T> value(List<T> value) {
        List<Integer> index = new ArrayList<>();
        for (T chosen : value) {
            index.add(options.indexOf(chosen));
        }
        return set("index", index);
    }

    /** The chosen options' labels. */
    public List<String> label() {
        List<String> labels = new ArrayList<>();
        for (Integer i : index()) {
            labels.add(options.labelAt(i));
        }
        return labels;
    }

    public int rows() {
        return (Integer) get("rows");
    }

    public SelectMultiple<T> rows(int rows) {
        return set("rows", rows);
    }

    @Override
    @SuppressWarnings("unchecked")
    public SelectMultiple<T> onValue(Consumer<? super List<T>> listener) {
        return observe("value", change -> listener.accept((List<T>) change.newValue()));
    }

    @Override
    boolean isDerived(String trait) {
        return trait.equals("value");
    }

    @Override
    @SuppressWarnings("unchecked")
    List<Change> derived(Change change) {
        if (!change.name().equals("index")) {
            return List.of();
        }
        Options<T> now = options;
        return List.of(new Change(this, "value", at(now, (List<Integer>) change.oldValue()), at(now, (List<Integer>) change.newValue())));
    }

    private static <T> List<T> at(Options<T> options, List<Integer> index) {
        List<T> values = new ArrayList<>();
        for (Integer i : index) {
            values.add(options.at(i));
        }
        return values;
    }

    @Override
    public DescriptionStyle style() {
        return (DescriptionStyle) get("style");
    }
}
