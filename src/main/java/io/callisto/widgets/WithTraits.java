package io.callisto.widgets;

/**
 * Access to a widget's traits by their ipywidgets names, which the trait groups several widgets share
 * ({@link Disableable}, {@link SliderTraits}, …) build their typed accessors on.
 *
 * @param <S> the widget's own type, which setters return
 */
public interface WithTraits<S> {
    /**
     * The value of a trait, e.g. {@code get("readout_format")}.
     *
     * @throws IllegalArgumentException when this widget has no such trait
     */
    Object get(String trait);

    /**
     * Sets a trait; the frontend gets an {@code update} when the value differs.
     *
     * @return this widget
     * @throws IllegalArgumentException for an unknown trait or a value of the wrong type
     */
    S set(String trait, Object value);
}
