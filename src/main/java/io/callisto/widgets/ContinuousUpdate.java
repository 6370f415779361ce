package io.callisto.widgets;

/** Widgets whose frontend can send the value while the user edits it (ipywidgets' {@code continuous_update}). */
public interface ContinuousUpdate<S> extends WithTraits<S> {
    /**
     * Whether the frontend sends the value while the user drags or types, or only when done (on release, on
     * Enter or blur). Sliders and Text default to true, number boxes to false.
     */
    default boolean continuousUpdate() {
        return (Boolean) get("continuous_update");
    }

    /** Sets whether the value is sent while edited. @return this widget */
    default S continuousUpdate(boolean continuousUpdate) {
        return set("continuous_update", continuousUpdate);
    }
}
