package io.callisto.display;

/**
 * Turns values of some type into a {@link MimeBundle}. A library registers one by listing its class in
 * {@code META-INF/services/io.callisto.display.Renderer}; a notebook calls {@link Renderers#register}.
 * The renderer with the highest priority that accepts a value wins; the built-in ones have priority 0.
 */
public interface Renderer {
    boolean accepts(Object value);

    MimeBundle render(Object value);

    default int priority() {
        return 0;
    }
}
