package io.callisto.widgets;

/** A float value's bounds ({@code min}, {@code max}); the value is kept between them. */
public interface FloatBounds<S> extends WithTraits<S> {
    default double min() {
        return (Double) get("min");
    }

    default S min(double min) {
        return set("min", min);
    }

    default double max() {
        return (Double) get("max");
    }

    default S max(double max) {
        return set("max", max);
    }
}
