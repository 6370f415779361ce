package io.callisto.widgets;

import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * A choice of one option (ipywidgets' {@code _Selection}): the frontend shows {@code _options_labels} and syncs
 * {@code index}; {@link #value()} is the option at that index. Options are any objects (labelled by
 * {@code String.valueOf}) or a label → value map. A listener may observe "value" and "label" as well as "index".
 *
 * @param <T> the options' type
 */
public abstract class Selection<S extends Selection<S, T>, T> extends DescriptionWidget<S>
        implements ValueWidget<T>, Disableable<S> {
    private volatile Options<T> options = Options.of(List.of());

    protected Selection(Model model, Style<?> style) {
        super(model, style);
        trait("_options_labels", Kind.STRINGS, List.of());
        trait("index", Kind.INT, null);
        trait("disabled", Kind.BOOL, false);
    }

    /** Sets the options, labelled by String.valueOf; the value stays if still an option, else the first is chosen. */
    public S options(List<? extends T> options) {
        return options(Options.of(options));
    }

    /** Sets the options from labels to values. */
    public S options(Map<String, ? extends T> labeled) {
        return options(Options.of(labeled));
    }

    private S options(Options<T> next) {
        T current = value();
        Integer index = next.values().contains(current) && current != null ? next.values().indexOf(current)
                : next.values().isEmpty() ? null : 0;
        options = next;
        set("_options_labels", next.labels());
        // Forces listeners of value/label to hear of the new option even at the same index.
        return set("index", index);
    }

    public List<T> options() {
        return options.values();
    }

    /** The chosen option's index; null for none. */
    public Integer index() {
        return (Integer) get("index");
    }

    public S index(Integer index) {
        return set("index", index);
    }

    /** The chosen option; null for none. */
    @Override
    public T value() {
        return options.at(index());
    }

    /** Chooses an option. @throws IllegalArgumentException when it is not one */
    @Override
    public S value(T value) {
        return set("index", value == null ? null : options.indexOf(value));
    }

    /** The chosen option's label; null for none. */
    public String label() {
        return options.labelAt(index());
    }

    /** Chooses the option with this label. @throws IllegalArgumentException when none has it */
    public S label(String label) {
        int index = options.labels().indexOf(label);
        if (index < 0) {
            throw new IllegalArgumentException(label + " is not one of the labels " + options.labels());
        }
        return set("index", index);
    }

    @Override
    @SuppressWarnings("unchecked")
    public S onValue(Consumer<? super T> listener) {
        return observe("value", change -> listener.accept((T) change.newValue()));
    }

    @Override
    boolean isDerived(String trait) {
        return trait.equals("value") || trait.equals("label");
    }

    @Override
    List<Change> derived(Change change) {
        if (!change.name().equals("index")) {
            return List.of();
        }
        Options<T> now = options;
        Integer old = (Integer) change.oldValue();
        Integer index = (Integer) change.newValue();
        return List.of(new Change(this, "value", now.at(old), now.at(index)),
                new Change(this, "label", now.labelAt(old), now.labelAt(index)));
    }
}
