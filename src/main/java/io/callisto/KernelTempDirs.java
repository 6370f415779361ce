package io.callisto;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.Optional;

/**
 * Directories a kernel JVM makes in the temp dir (Spark's class directories, the debugger's cell files), marked
 * with the kernel that owns them so that a later kernel can remove those of a kernel that has ended. The kernel
 * ends with a halt, and a client's forced shutdown or the OOM killer sends SIGKILL: neither runs a shutdown hook
 * or {@code deleteOnExit}. Runs in the kernel JVM.
 */
public final class KernelTempDirs {
    /** In each owned directory: the owning JVM's pid and start instant, "pid start" (ISO-8601). */
    public static final String OWNER_FILE = "kernel.pid";

    private KernelTempDirs() {
    }

    /**
     * Marks {@code directory} (made already) as this JVM's, then removes, on a daemon thread, its siblings named
     * {@code prefix*} whose owner has ended.
     *
     * @param directory a directory of this JVM's in the temp dir
     * @param prefix the name its kind of directory starts with
     * @throws IOException when the owner file cannot be written
     */
    public static void claim(Path directory, String prefix) throws IOException {
        Files.writeString(directory.resolve(OWNER_FILE), ownerOf(ProcessHandle.current()));
        Thread sweeper = new Thread(() -> deleteOrphans(directory.getParent(), prefix, directory), "callisto-temp-sweep");
        sweeper.setDaemon(true);
        sweeper.start();
    }

    /**
     * Removes the directories in {@code parent} named {@code prefix*} whose owning JVM has ended, as their
     * {@link #OWNER_FILE} says. One without that file (an older version's, or one being made), and one whose
     * process is alive with the same start instant, or whose start cannot be read, are left alone.
     *
     * @param parent the temporary directory they are in
     * @param prefix the name they start with
     * @param own this JVM's own, never touched
     * @return how many were removed
     */
    public static int deleteOrphans(Path parent, String prefix, Path own) {
        int removed = 0;
        try (DirectoryStream<Path> candidates = Files.newDirectoryStream(parent, prefix + "*")) {
            for (Path candidate : candidates) {
                Path owner = candidate.resolve(OWNER_FILE);
                if (candidate.equals(own) || !Files.isRegularFile(owner)) {
                    continue;
                }
                try {
                    if (!isRunning(Files.readString(owner).strip())) {
                        delete(candidate);
                        removed++;
                    }
                } catch (IOException | RuntimeException unreadable) {
                    // Another user's, or half written: not ours to judge.
                }
            }
        } catch (IOException e) {
            // The temp dir cannot be listed: nothing to sweep.
        }
        return removed;
    }

    /** "pid start-instant" (ISO-8601), or "pid" alone when the start cannot be read. */
    public static String ownerOf(ProcessHandle process) {
        return process.pid() + process.info().startInstant().map(start -> " " + start).orElse("");
    }

    private static boolean isRunning(String owner) {
        String[] parts = owner.split(" ");
        Optional<ProcessHandle> process = ProcessHandle.of(Long.parseLong(parts[0]));
        if (process.isEmpty() || !process.get().isAlive()) {
            return false;
        }
        // A reused pid is another process: its start differs from the one written.
        return parts.length < 2 || process.get().info().startInstant().map(start -> start.toString().equals(parts[1])).orElse(true);
    }

    /** Removes a directory and everything under it; what cannot be removed is left (a temp dir). */
    public static void delete(Path directory) {
        if (!Files.exists(directory)) {
            return;
        }
        try {
            Files.walkFileTree(directory, new SimpleFileVisitor<>() {
                @Override
                public FileVisitResult visitFile(Path file, BasicFileAttributes attributes) throws IOException {
                    Files.deleteIfExists(file);
                    return FileVisitResult.CONTINUE;
                }

                @Override
                public FileVisitResult postVisitDirectory(Path dir, IOException failure) throws IOException {
                    Files.deleteIfExists(dir);
                    return FileVisitResult.CONTINUE;
                }
            });
        } catch (IOException e) {
            // A file another process holds open, say: the directory stays in the temp dir.
        }
    }
}
