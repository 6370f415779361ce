package io.callisto.notebook;

import io.callisto.display.DisplayChannel;
import io.callisto.display.MimeBundle;
import io.callisto.display.Renderers;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;

/**
 * Shows values under the running cell: what {@code display} and {@code updateDisplay} do. Cells reach these
 * through IJava's {@code runtime.Display}, imported into every session; one class holds those names so that a
 * notebook that imports IJava's classes itself does not see each name twice.
 */
public final class Displays {
    private Displays() {
    }

    /** Shows a value under the running cell, in its richest form; returns an id for {@link #updateDisplay(String, Object)}. */
    public static String display(Object value) {
        return show(Renderers.render(value), UUID.randomUUID().toString(), "display_data");
    }

    /**
     * Shows a value as the given MIME types, as IJava does: {@code display("<b>hi</b>", "text/html")} shows
     * the string as HTML. Types the value cannot be shown as are left out; text/plain is always there.
     *
     * @return the display's id, for {@link #updateDisplay(String, Object)}
     */
    public static String display(Object value, String... mimeTypes) {
        return show(Renderers.renderAs(value, mimeTypes), UUID.randomUUID().toString(), "display_data");
    }

    /** Replaces what an earlier {@link #display} showed, wherever it is (a progress bar, a live table). */
    public static void updateDisplay(String displayId, Object value) {
        show(Renderers.render(value), displayId, "update_display_data");
    }

    /** Replaces what an earlier {@link #display} showed with the value as the given MIME types. */
    public static void updateDisplay(String displayId, Object value, String... mimeTypes) {
        show(Renderers.renderAs(value, mimeTypes), displayId, "update_display_data");
    }

    static String show(MimeBundle bundle, String displayId, String msgType) {
        Map<String, Object> content = new LinkedHashMap<>();
        content.put("data", bundle.data());
        content.put("metadata", bundle.metadata());
        content.put("transient", Map.of("display_id", displayId));
        DisplayChannel.send(msgType, content);
        return displayId;
    }

}
