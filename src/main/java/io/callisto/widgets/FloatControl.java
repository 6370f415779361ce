package io.callisto.widgets;

/** A described widget with a float value, settable from any number ({@code slider.value(5)}). */
public abstract class FloatControl<S extends FloatControl<S>> extends ValueControl<S, Double> {
    protected FloatControl(Model model, Style<?> style, double defaultValue) {
        super(model, style, Kind.FLOAT, defaultValue);
    }

    /** Sets the value. @return this widget */
    public S value(double value) {
        return set("value", value);
    }
}
