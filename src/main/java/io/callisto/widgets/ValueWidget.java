package io.callisto.widgets;

import java.util.function.Consumer;

/**
 * A widget with a value the user edits: a slider's number, a text's string, a dropdown's chosen option.
 * {@link Widgets#interact} and {@link Widgets#link} work on any of them.
 *
 * @param <T> the value's Java type
 */
public interface ValueWidget<T> {
    /** The value now, the frontend's latest change included. */
    T value();

    /** Sets the value; the frontend follows. @return this widget */
    ValueWidget<T> value(T value);

    /**
     * Calls {@code listener} with the new value after each change, from Java or from the frontend.
     *
     * @return this widget
     */
    ValueWidget<T> onValue(Consumer<? super T> listener);
}
