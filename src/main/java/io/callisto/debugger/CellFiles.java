package io.callisto.debugger;

import io.callisto.KernelTempDirs;
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
 * process, {@code <tmp>/ipykernel_callisto_<pid>/} (JupyterLab dumps cells again only when the prefix changes); {@code dumpCell} writes the code there,
 * as ipykernel does, so a client may open it. The directory is marked as this kernel's ({@link KernelTempDirs}), and
 * the next kernel to dump a cell after this one has ended removes it.
 */
final class CellFiles {
    private static final Logger LOG = Logger.getLogger(CellFiles.class.getName());
    /** ipykernel's seed; any number would do, as long as debugInfo tells it. */
    static final long SEED = 3339675911L;
    static final String SUFFIX = ".java";
    private static final String DIRECTORY_PREFIX = "ipykernel_callisto_";

    private final Path directory;
    private final String prefix;
    private final Map<String, String> pathByCode = new ConcurrentHashMap<>();
    private final Map<String, String> codeByPath = new ConcurrentHashMap<>();
    private volatile boolean claimed;

    CellFiles() {
        // JupyterLab shows a frame's or breakpoint's cell as "Cell [n]" only when its path contains "ipykernel_"
        // (debugger-extension's display registry); any other path shows as the file name, a hash.
        this(Path.of(System.getProperty("java.io.tmpdir"), DIRECTORY_PREFIX + ProcessHandle.current().pid()));
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
        if (!claimed) {
            // The kernel ends with a halt, which runs no deleteOnExit: a later kernel removes the directory.
            KernelTempDirs.claim(directory, DIRECTORY_PREFIX);
            claimed = true;
        }
        Files.writeString(Path.of(path), code, StandardCharsets.UTF_8);
        LOG.fine(() -> "dumped a cell to " + path);
        return path;
    }
}
