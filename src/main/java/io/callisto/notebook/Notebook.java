package io.callisto.notebook;

import io.callisto.executor.CellInput;
import java.io.IOException;
import java.io.UncheckedIOException;

/**
 * Helpers every cell can call without an import (the kernel imports this class's static members before the
 * first cell). They run in the executor JVM, next to the cell's code.
 */
public final class Notebook {
    private Notebook() {
    }

    /** Asks the user for a line of text, showing {@code prompt}; null at end of input (Ctrl-D). */
    public static String readLine(String prompt) {
        return ask(prompt, false);
    }

    /** Asks the user for a password: the client hides what is typed. Null at end of input. */
    public static String readPassword(String prompt) {
        return ask(prompt, true);
    }

    private static String ask(String prompt, boolean password) {
        if (!(System.in instanceof CellInput input)) {
            throw new IllegalStateException("System.in was replaced, so Callisto cannot ask the notebook for input");
        }
        try {
            return input.readLine(prompt, password);
        } catch (IOException e) {
            throw new UncheckedIOException(e.getMessage(), e);
        }
    }
}
