package io.github.spencerpark.ijava.runtime;

import java.util.List;

/**
 * IJava's {@code lineMagic} and {@code cellMagic}. Magics run in Callisto's kernel JVM, before the cell is
 * compiled: the kernel finds each call written with string literals ({@code lineMagic("jars",
 * List.of("lib/*.jar"))}, on one line), runs the magic and puts its value in the call's place, so such calls
 * never reach these methods. A call that does, with arguments computed as the cell runs, cannot be served and
 * fails saying so.
 */
public final class Magics {
    private Magics() {
    }

    /**
     * Runs a line magic by name, as {@code %name args} would.
     *
     * @param name the magic's name, without %
     * @param args its arguments
     * @param <T>  the type the caller expects the value as
     * @return never: literal calls are replaced by their value before the cell runs
     * @throws UnsupportedOperationException always: the arguments were not string literals
     */
    public static <T> T lineMagic(String name, List<String> args) {
        throw unsupported("lineMagic(\"" + name + "\", List.of(\"…\"))");
    }

    /**
     * Runs a cell magic by name on a body, as a cell headed by {@code %%name args} would.
     *
     * @param name the magic's name, without %%
     * @param args its arguments
     * @param body the cell's body
     * @param <T>  the type the caller expects the value as
     * @return never: literal calls are replaced by their value before the cell runs
     * @throws UnsupportedOperationException always: the arguments were not string literals
     */
    public static <T> T cellMagic(String name, List<String> args, String body) {
        throw unsupported("cellMagic(\"" + name + "\", List.of(\"…\"), \"…\")");
    }

    private static UnsupportedOperationException unsupported(String form) {
        return new UnsupportedOperationException("Callisto runs magics in the kernel before the cell is compiled, "
                + "so it needs " + form + " written with string literals on one line; arguments computed while the "
                + "cell runs cannot reach a magic");
    }
}
