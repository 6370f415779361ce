package io.callisto.spark.launch;

import io.callisto.spark.ReplClassDirectory;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.DirectoryStream;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;

/** The executor JVM's command-line part for Spark, and its class directories' lifecycle. */
public final class SparkLaunch {
    /**
     * The {@code --add-opens} set Spark documents for JDK 17+ (its launcher's JavaModuleOptions), so that a
     * {@code SparkSession} built in a cell never meets an IllegalAccessError. Left out: the incubator vector module
     * (a warning on every start; Spark runs without it).
     */
    private static final List<String> MODULE_OPTIONS = List.of(
            "--add-opens=java.base/java.lang=ALL-UNNAMED",
            "--add-opens=java.base/java.lang.invoke=ALL-UNNAMED",
            "--add-opens=java.base/java.lang.reflect=ALL-UNNAMED",
            "--add-opens=java.base/java.io=ALL-UNNAMED",
            "--add-opens=java.base/java.net=ALL-UNNAMED",
            "--add-opens=java.base/java.nio=ALL-UNNAMED",
            "--add-opens=java.base/java.util=ALL-UNNAMED",
            "--add-opens=java.base/java.util.concurrent=ALL-UNNAMED",
            "--add-opens=java.base/java.util.concurrent.atomic=ALL-UNNAMED",
            "--add-opens=java.base/jdk.internal.ref=ALL-UNNAMED",
            "--add-opens=java.base/sun.nio.ch=ALL-UNNAMED",
            "--add-opens=java.base/sun.nio.cs=ALL-UNNAMED",
            "--add-opens=java.base/sun.util.calendar=ALL-UNNAMED",
            "--add-opens=java.security.jgss/sun.security.krb5=ALL-UNNAMED",
            "-Dio.netty.tryReflectionSetAccessible=true");
    /** In Spark's set too, for JDKs before 24: later ones no longer have the package, and warn on every start. */
    private static final String SECURITY_ACTION = "--add-opens=java.base/sun.security.action=ALL-UNNAMED";
    /** JDK 24+ warns on, and later refuses, sun.misc.Unsafe memory access, which Spark's Netty and Arrow use. */
    private static final String UNSAFE_MEMORY_ACCESS = "--sun-misc-unsafe-memory-access=allow";
    /** JDK 24+ warns when Hadoop loads its native library (System.loadLibrary), as JEP 472 restricts. */
    private static final String NATIVE_ACCESS = "--enable-native-access=ALL-UNNAMED";

    private static final String ROOT_PREFIX = "callisto-repl-classes-";
    /** In each kernel's root: the kernel JVM's pid and start instant, so another kernel can tell it has ended. */
    static final String OWNER_FILE = "kernel.pid";
    private static final AtomicInteger EXECUTORS = new AtomicInteger();
    private static Path root;

    private SparkLaunch() {
    }

    /**
     * The options to put before the main class on an executor's command line.
     *
     * @param javaFeature the executor JDK's feature release (17, 21, 25, ...)
     * @param classDirectory where that executor writes the notebook's class files
     */
    public static List<String> executorOptions(int javaFeature, Path classDirectory) {
        List<String> options = new ArrayList<>(MODULE_OPTIONS);
        if (javaFeature >= 24) {
            options.add(UNSAFE_MEMORY_ACCESS);
            options.add(NATIVE_ACCESS);
        } else {
            options.add(SECURITY_ACTION);
        }
        options.add("-D" + ReplClassDirectory.DIRECTORY_PROPERTY + "=" + classDirectory);
        return options;
    }

    /**
     * A fresh directory for one executor's class files, under a root this kernel JVM made and removes when it ends.
     * The directory itself is created by the executor.
     *
     * @throws UncheckedIOException when the temporary root cannot be made
     */
    public static synchronized Path newClassDirectory() {
        if (root == null) {
            try {
                root = Files.createTempDirectory(ROOT_PREFIX);
                Files.writeString(root.resolve(OWNER_FILE), ownerOf(ProcessHandle.current()));
            } catch (IOException e) {
                throw new UncheckedIOException("cannot make a directory for Spark's REPL classes", e);
            }
            Path made = root;
            Runtime.getRuntime().addShutdownHook(new Thread(() -> delete(made), "callisto-repl-classes-cleanup"));
            // A kernel killed (SIGKILL, the OOM killer, a client's forced shutdown) left its root behind.
            Thread sweeper = new Thread(() -> deleteOrphans(made.getParent(), made), "callisto-repl-classes-sweep");
            sweeper.setDaemon(true);
            sweeper.start();
        }
        return root.resolve("executor-" + EXECUTORS.incrementAndGet());
    }

    /** Removes every class directory this kernel JVM made, and their root (the engine's close; the kernel halts). */
    public static synchronized void deleteClassDirectories() {
        if (root != null) {
            delete(root);
        }
    }

    /**
     * Removes the class-directory roots in {@code parent} whose kernel JVM has ended, as their {@link #OWNER_FILE}
     * says. A root without that file (an older version's, or one being made) and one whose process is alive with
     * the same start instant, or whose start cannot be read, are left alone.
     *
     * @param parent the temporary directory the roots are in
     * @param own this kernel's root, never touched
     * @return how many roots were removed
     */
    static int deleteOrphans(Path parent, Path own) {
        int removed = 0;
        try (DirectoryStream<Path> roots = Files.newDirectoryStream(parent, ROOT_PREFIX + "*")) {
            for (Path candidate : roots) {
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
    static String ownerOf(ProcessHandle process) {
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

    /** Removes a class directory and everything under it; what cannot be removed is left (a temp dir). */
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
