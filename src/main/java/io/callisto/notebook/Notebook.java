package io.callisto.notebook;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.callisto.display.DisplayChannel;
import io.callisto.display.MimeBundle;
import io.callisto.display.Renderer;
import io.callisto.display.Renderers;
import io.callisto.executor.CellInput;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Helpers every cell can call without an import (the kernel imports this class's static members before the
 * first cell, with those of IJava's {@code runtime.Display}, {@code runtime.Kernel} and {@code runtime.Magics},
 * where {@code display}, {@code render} and {@code updateDisplay} live). They run in the executor JVM, next to
 * the cell's code.
 */
public final class Notebook {
    private Notebook() {
    }

    /** Clears the cell's output; with {@code wait}, only when the next output arrives (no flicker). */
    public static void clearOutput(boolean wait) {
        Map<String, Object> content = new LinkedHashMap<>();
        content.put("wait", wait);
        DisplayChannel.send("clear_output", content);
    }

    /** Clears the cell's output at once. */
    public static void clearOutput() {
        clearOutput(false);
    }

    public static MimeBundle html(String html) {
        return MimeBundle.of("text/html", html);
    }

    public static MimeBundle markdown(String markdown) {
        return MimeBundle.of("text/markdown", markdown);
    }

    /** LaTeX, e.g. {@code latex("$e^{i\pi} + 1 = 0$")}. */
    public static MimeBundle latex(String latex) {
        return MimeBundle.of("text/latex", latex);
    }

    public static MimeBundle svg(String svg) {
        return MimeBundle.of("image/svg+xml", svg).with("text/plain", "<svg image>");
    }

    /** JSON text, shown by JupyterLab's JSON viewer. */
    public static MimeBundle json(String json) {
        try {
            Object parsed = new ObjectMapper().readValue(json, Object.class);
            return MimeBundle.of("application/json", parsed).with("text/plain", json);
        } catch (IOException e) {
            throw new IllegalArgumentException("not valid JSON: " + e.getMessage(), e);
        }
    }

    /** An image from its bytes, e.g. {@code image(Files.readAllBytes(path), "image/png")}. */
    public static MimeBundle image(byte[] bytes, String mimeType) {
        return MimeBundle.of(mimeType, Base64.getEncoder().encodeToString(bytes))
                .with("text/plain", "<" + mimeType + " image, " + bytes.length + " bytes>");
    }

    /** IJava's {@code printf}: {@code System.out.printf} without the prefix. */
    public static void printf(String format, Object... args) {
        System.out.printf(format, args);
    }

    /** Adds a renderer for the values it accepts, for this session. */
    public static void registerRenderer(Renderer renderer) {
        Renderers.register(renderer);
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
