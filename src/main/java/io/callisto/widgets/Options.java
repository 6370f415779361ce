package io.callisto.widgets;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;

/**
 * A selection's options: the values, kept in Java, and their labels, which the frontend gets as
 * {@code _options_labels} (ipywidgets 8 syncs labels and indexes, never the values).
 */
record Options<T>(List<T> values, List<String> labels) {
    static <T> Options<T> of(List<? extends T> values) {
        List<String> labels = new ArrayList<>();
        for (T value : values) {
            labels.add(String.valueOf(value));
        }
        return new Options<>(Collections.unmodifiableList(new ArrayList<>(values)), List.copyOf(labels));
    }

    static <T> Options<T> of(Map<String, ? extends T> labeled) {
        return new Options<>(Collections.unmodifiableList(new ArrayList<>(labeled.values())), List.copyOf(labeled.keySet()));
    }

    T at(Integer index) {
        return index == null || index < 0 || index >= values.size() ? null : values.get(index);
    }

    String labelAt(Integer index) {
        return index == null || index < 0 || index >= labels.size() ? null : labels.get(index);
    }

    /** The index of a value. @throws IllegalArgumentException when it is not an option */
    int indexOf(Object value) {
        int index = values.indexOf(value);
        if (index < 0) {
            throw new IllegalArgumentException(value + " is not one of the options " + labels);
        }
        return index;
    }
}
