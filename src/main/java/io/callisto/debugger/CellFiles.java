package io.callisto.debugger;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.logging.Logger;

/**
 * The paths under which the debugger knows cells: {@code tmpFilePrefix + murmur2(code, hashSeed) + tmpFileSuffix},
 * as debugInfo announces and JupyterLab computes them itself. The prefix is a directory unique to this kernel
 * process (JupyterLab dumps cells again only when the prefix changes); {@code dumpCell} writes the code there,
 * as ipykernel does, so a client may open it. The directory goes when the kernel exits.
 */
final class CellFiles {
    private static final Logger LOG = Logger.getLogger(CellFiles.class.getName());
    /** ipykernel's seed; any number would do, as long as debugInfo tells it. */
    static final long SEED = 3339675911L;
    static final String SUFFIX = ".java";

    private final Path directory;
    private final String prefix;
    private final Map<String, String> pathByCode = new ConcurrentHashMap<>();
    private final Map<String, String> codeByPath = new ConcurrentHashMap<>();

    CellFiles() {
        this(Path.of(System.getProperty("java.io.tmpdir"), "callisto_" + ProcessHandle.current().pid()));
    }

    CellFiles(Path directory) {
        this.directory = directory;
        this.prefix = directory + "/";
    }

    String prefix() {
        return prefix;
    }

    /** The path of a cell with this code (remembered, so {@link #code} can give it back). */
    String pathOf(String code) {
        return pathByCode.computeIfAbsent(code, text -> {
            String path = prefix + Murmur2.hash(text, SEED) + SUFFIX;
            codeByPath.put(path, text);
            return path;
        });
    }

    /** The code of a cell dumped or run under {@code path}, or null for a path this kernel never saw. */
    String code(String path) {
        return codeByPath.get(path);
    }

    /**
     * dumpCell: writes the code under its path and returns that path.
     *
     * @throws IOException when the file cannot be written
     */
    String dump(String code) throws IOException {
        String path = pathOf(code);
        Files.createDirectories(directory);
        Files.writeString(Path.of(path), code, StandardCharsets.UTF_8);
        directory.toFile().deleteOnExit();
        Path.of(path).toFile().deleteOnExit();
        LOG.fine(() -> "dumped a cell to " + path);
        return path;
    }
}
