package io.callisto.widgets;

import java.util.function.Consumer;

/**
 * A described widget whose {@code value} trait is its value (ipywidgets' {@code ValueWidget} with a
 * {@code DescriptionWidget}).
 *
 * @param <S> the widget's own type
 * @param <T> the value's Java type
 */
public abstract class ValueControl<S extends ValueControl<S, T>, T> extends DescriptionWidget<S> implements ValueWidget<T> {
    protected ValueControl(Model model, Style<?> style, Kind kind, T defaultValue) {
        super(model, style);
        trait("value", kind, defaultValue);
    }

    @Override
    @SuppressWarnings("unchecked")
    public T value() {
        return (T) get("value");
    }

    @Override
    public S value(T value) {
        return set("value", value);
    }

    @Override
    @SuppressWarnings("unchecked")
    public S onValue(Consumer<? super T> listener) {
        return observe("value", change -> listener.accept((T) change.newValue()));
    }
}
