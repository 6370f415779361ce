package io.callisto.magics;

import io.callisto.engine.Engine;
import io.callisto.engine.Engine.CellOutcome;

/** A magic command: {@code %name args} on a line of its own, or {@code %%name args} heading a cell. */
public interface Magic {
    /** The one-line description %lsmagic shows. */
    String help();

    /**
     * Runs the magic.
     *
     * @param args what follows the name on its line
     * @param body for a cell magic, the rest of the cell; null for a line magic
     * @return the cell's outcome; a failure ends the cell
     * @throws Exception when the magic cannot do what was asked; a {@link MagicException}'s message is shown as is
     */
    CellOutcome run(String args, String body, MagicContext context) throws Exception;

    /**
     * Runs the magic where its value is wanted, as IJava's {@code lineMagic}/{@code cellMagic} do: in
     * {@code List<String> added = %jars lib/*.jar;}. Magics without a value return null.
     *
     * @param args what follows the name
     * @param body for a cell magic, its body; null for a line magic
     * @return the magic's value: a {@code List<String>} of paths for %jars, %classpath, %maven and
     *         %loadFromPOM; null for the others
     * @throws Exception as {@link #run}; a failed outcome becomes a {@link MagicException}
     */
    default Object evaluate(String args, String body, MagicContext context) throws Exception {
        if (run(args, body, context) instanceof Engine.Failure failure) {
            throw new MagicException(failure.ename() + ": " + failure.evalue());
        }
        return null;
    }

    /** Whether it is used as %%name (heading a cell) rather than %name. */
    default boolean isCellMagic() {
        return false;
    }
}
