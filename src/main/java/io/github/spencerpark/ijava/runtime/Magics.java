package io.github.spencerpark.ijava.runtime;

import io.callisto.executor.EvalException;
import io.callisto.executor.NestedCalls;
import java.util.List;

/**
 * IJava's {@code lineMagic} and {@code cellMagic}. A call written with string literals on one line
 * ({@code lineMagic("jars", List.of("lib/*.jar"))}) is run by the kernel before the cell is compiled, its
 * value put in the call's place; a call with arguments computed as the cell runs reaches these methods, which
 * ask the kernel to run the magic then. Either way the magic runs in the kernel JVM and its output goes to
 * the cell.
 */
public final class Magics {
    private Magics() {
    }

    /**
     * Runs a line magic by name, as {@code %name args} would.
     *
     * @param name the magic's name, without %
     * @param args its arguments, one string each
     * @param <T>  the type the caller expects the value as
     * @return the magic's value: the paths added (a {@code List<String>}) for jars, classpath, maven and
     *         loadFromPOM; null for magics without a value
     * @throws EvalException when the magic is unknown or fails, saying why
     */
    public static <T> T lineMagic(String name, List<String> args) {
        return run(name, args, null);
    }

    /**
     * Runs a cell magic by name on a body, as a cell headed by {@code %%name args} would.
     *
     * @param name the magic's name, without %%
     * @param args its arguments, one string each
     * @param body the cell's body
     * @param <T>  the type the caller expects the value as
     * @return the magic's value: the paths added for loadFromPOM; null for magics without a value
     * @throws EvalException when the magic is unknown or fails, saying why
     */
    public static <T> T cellMagic(String name, List<String> args, String body) {
        return run(name, args, body == null ? "" : body);
    }

    @SuppressWarnings("unchecked")
    private static <T> T run(String name, List<String> args, String body) {
        try {
            return (T) NestedCalls.magic(name, args, body);
        } catch (RuntimeException e) {
            throw e;
        } catch (Exception e) {
            throw new EvalException(e.toString());
        }
    }
}
