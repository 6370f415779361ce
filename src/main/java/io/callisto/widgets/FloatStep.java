package io.callisto.widgets;

/**
 * A float value's {@code step}: what a slider's move or a text box's arrows change it by (on a log slider, its
 * exponent). Null lets a slider take any number and leaves a text box's arrows to the browser.
 */
public interface FloatStep<S> extends WithTraits<S> {
    /** The step; null for any. */
    default Double step() {
        return (Double) get("step");
    }

    /** Sets the step; null for any. @return this widget */
    default S step(Double step) {
        return set("step", step);
    }
}
