package io.callisto.widgets;

/** An int value's bounds ({@code min}, {@code max}); the value is kept between them. */
public interface IntBounds<S> extends WithTraits<S> {
    default int min() {
        return (Integer) get("min");
    }

    default S min(int min) {
        return set("min", min);
    }

    default int max() {
        return (Integer) get("max");
    }

    default S max(int max) {
        return set("max", max);
    }
}
