package io.callisto.widgets;

/** The traits progress bars share (ipywidgets' {@code IntProgress} and {@code FloatProgress}). */
public interface ProgressTraits<S> extends WithTraits<S> {
    /** "success", "info", "warning", "danger" or "" (the default look); null is allowed too. */
    default String barStyle() {
        return (String) get("bar_style");
    }

    /** Sets the bar's look. @return this progress bar */
    default S barStyle(String barStyle) {
        return set("bar_style", barStyle);
    }

    /** "horizontal" (default) or "vertical". */
    default String orientation() {
        return (String) get("orientation");
    }

    /** Sets the orientation. @return this progress bar */
    default S orientation(String orientation) {
        return set("orientation", orientation);
    }
}
