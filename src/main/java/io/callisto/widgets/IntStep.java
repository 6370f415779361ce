package io.callisto.widgets;

/** An int value's {@code step}: what a slider's move, a text box's arrows or a Play's tick change it by. */
public interface IntStep<S> extends WithTraits<S> {
    /** The step. */
    default int step() {
        return (Integer) get("step");
    }

    /** Sets the step. @return this widget */
    default S step(int step) {
        return set("step", step);
    }
}
