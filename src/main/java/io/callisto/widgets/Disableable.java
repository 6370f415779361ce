package io.callisto.widgets;

/** Widgets the user can be kept from editing (ipywidgets' {@code disabled} trait). */
public interface Disableable<S> extends WithTraits<S> {
    default boolean disabled() {
        return (Boolean) get("disabled");
    }

    default S disabled(boolean disabled) {
        return set("disabled", disabled);
    }
}
