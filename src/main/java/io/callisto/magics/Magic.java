package io.callisto.magics;

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
     */
    CellOutcome run(String args, String body, MagicContext context) throws Exception;

    /** Whether it is used as %%name (heading a cell) rather than %name. */
    default boolean isCellMagic() {
        return false;
    }
}
