package io.callisto.engine;

import java.util.List;

/**
 * Runs a magic for a running cell that calls IJava's {@code lineMagic} or {@code cellMagic} with arguments
 * computed as it runs. The kernel supplies it (magics live in the kernel JVM, outside the engine); the
 * magic's output goes to the running cell.
 */
@FunctionalInterface
public interface MagicRunner {
    /** For engines built without magics (tests, tools): every call fails saying so. */
    MagicRunner NONE = (name, args, body) -> {
        throw new IllegalStateException("no magics in this kernel");
    };

    /**
     * Runs one magic where its value is wanted.
     *
     * @param name the magic's name, without % or %%
     * @param args its arguments, one string each
     * @param body a cell magic's body, or null for a line magic
     * @return the magic's value: a {@code List<String>} of paths for %jars, %classpath, %maven and
     *         %loadFromPOM, null for magics without one
     * @throws Exception when the magic is unknown or fails; the message says why
     */
    Object run(String name, List<String> args, String body) throws Exception;
}
