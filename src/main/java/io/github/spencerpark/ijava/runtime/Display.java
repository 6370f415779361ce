package io.github.spencerpark.ijava.runtime;

import io.callisto.notebook.Displays;
import io.github.spencerpark.ijava.IJava;
import io.github.spencerpark.jupyter.kernel.display.DisplayData;

/**
 * IJava's display functions, under IJava's names; every session imports them, so cells call them without an
 * import. text/plain is always among what they show.
 */
public final class Display {
    private Display() {
    }

    /** The value rendered in its preferred types, not shown; a cell's last expression is shown so. */
    public static DisplayData render(Object value) {
        return IJava.getKernelInstance().getRenderer().render(value);
    }

    /**
     * The value rendered as the requested MIME types, not shown: {@code render(md, "text/markdown")} as a cell's
     * last expression shows the Markdown. A String is itself in any text type asked for.
     */
    public static DisplayData render(Object value, String... mimeTypes) {
        return IJava.getKernelInstance().getRenderer().renderAs(value, mimeTypes);
    }

    /**
     * Shows the value in its preferred types under the running cell.
     *
     * @return the display's id, for {@link #updateDisplay(String, Object)}
     */
    public static String display(Object value) {
        return Displays.display(value);
    }

    /**
     * Shows the value as the requested MIME types: {@code display("<b>hi</b>", "text/html")}.
     *
     * @return the display's id, for {@link #updateDisplay(String, Object, String...)}
     */
    public static String display(Object value, String... mimeTypes) {
        return Displays.display(value, mimeTypes);
    }

    /** Replaces what the display with that id shows by the value in its preferred types. */
    public static void updateDisplay(String id, Object value) {
        Displays.updateDisplay(id, value);
    }

    /** Replaces what the display with that id shows by the value as the requested MIME types. */
    public static void updateDisplay(String id, Object value, String... mimeTypes) {
        Displays.updateDisplay(id, value, mimeTypes);
    }
}
