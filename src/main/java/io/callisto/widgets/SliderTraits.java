package io.callisto.widgets;

/** The traits all sliders share (ipywidgets 8's slider models), plus {@code disabled} and {@code continuous_update}. */
public interface SliderTraits<S> extends Disableable<S>, ContinuousUpdate<S> {
    /** "drag-tap" (the default), "drag-snap", "tap", "drag" or "snap". */
    default String behavior() {
        return (String) get("behavior");
    }

    default S behavior(String behavior) {
        return set("behavior", behavior);
    }

    /** "horizontal" (default) or "vertical". */
    default String orientation() {
        return (String) get("orientation");
    }

    default S orientation(String orientation) {
        return set("orientation", orientation);
    }

    /** Whether the value is shown next to the slider. */
    default boolean readout() {
        return (Boolean) get("readout");
    }

    default S readout(boolean readout) {
        return set("readout", readout);
    }

    /** A d3-format string for the readout: "d" for int sliders, ".2f" for float ones, ".3g" for log ones. */
    default String readoutFormat() {
        return (String) get("readout_format");
    }

    default S readoutFormat(String readoutFormat) {
        return set("readout_format", readoutFormat);
    }
}
