package io.callisto.magics;

import io.callisto.engine.Engine;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.Map;

/** What a magic can use: the engine, the cell's output streams, and where relative paths start. */
public interface MagicContext {
    Engine engine();

    /** The running cell's stdout and stderr, published on IOPub like a cell's own printing. */
    PrintStream out();

    PrintStream err();

    int cellNumber();

    /** The kernel's working directory (Jupyter starts a kernel in its notebook's directory). */
    default Path workingDirectory() {
        return Path.of("").toAbsolutePath();
    }

    /**
     * Shows (display_data) or replaces (update_display_data) an output of the running cell, by display id:
     * how a magic draws a progress line that updates in place.
     */
    void display(String msgType, Map<String, Object> data, String displayId);

    /** Environment variables set with %env, for the processes %%bash starts. */
    Map<String, String> environment();
}
