package io.callisto.display;

import java.util.Set;

/**
 * Turns values of some type into a {@link MimeBundle}. A library registers one by listing its class in
 * {@code META-INF/services/io.callisto.display.Renderer}; a notebook calls {@link Renderers#register}.
 * The renderer with the highest priority that accepts a value wins; the built-in ones have priority 0.
 */
public interface Renderer {
    boolean accepts(Object value);

    MimeBundle render(Object value);

    /**
     * Renders a value in the MIME types a cell asked for ({@code display(value, "text/html")}). Every renderer
     * that accepts the value is asked, highest priority first, until the types are filled; representations
     * of types not asked for are dropped (text/plain is kept).
     *
     * @param value     a value {@link #accepts} took
     * @param mimeTypes the requested types, such as {@code text/html}, {@code image/*} or {@code *}
     * @return the representations it can give, or null for none; by default what {@link #render} gives
     */
    default MimeBundle renderAs(Object value, Set<String> mimeTypes) {
        return render(value);
    }

    default int priority() {
        return 0;
    }
}
