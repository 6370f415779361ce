package io.callisto.widgets;

/**
 * One change of a trait, as an {@link Widget#observe} listener gets it (traitlets' change dict: owner, name,
 * old, new). Values are the Java forms the widget's getters return: Integer, Double, String, Boolean, List,
 * LocalDate, byte[], a Widget.
 *
 * @param owner the widget whose trait changed
 * @param name the trait's name as ipywidgets spells it ({@code value}, {@code readout_format})
 * @param oldValue the value before
 * @param newValue the value now
 */
public record Change(Widget<?> owner, String name, Object oldValue, Object newValue) {
    /**
     * The new value as a type, e.g. {@code change.newValue(Integer.class)}.
     *
     * @throws ClassCastException when the trait holds another type
     */
    public <T> T newValue(Class<T> type) {
        return type.cast(newValue);
    }

    /** The old value as a type. @throws ClassCastException when the trait holds another type */
    public <T> T oldValue(Class<T> type) {
        return type.cast(oldValue);
    }
}
