package io.callisto.magics;

import io.callisto.engine.Engine;
import io.callisto.engine.Engine.CellOutcome;
import java.util.List;

/**
 * A magic that adds to the classpath (%jars, %classpath, %maven, %loadFromPOM): run on its own line it only
 * adds; used as a value it gives the paths it added, as IJava's magics do.
 */
interface ClasspathAddingMagic extends Magic {
    @Override
    default CellOutcome run(String args, String body, MagicContext context) throws Exception {
        evaluate(args, body, context);
        return new Engine.Success(null);
    }

    /**
     * Adds what {@code args} (or {@code body}) names to the classpath.
     *
     * @return the absolute paths added, in order
     * @throws Exception when nothing can be added; a {@link MagicException}'s message is shown as is
     */
    @Override
    List<String> evaluate(String args, String body, MagicContext context) throws Exception;
}
