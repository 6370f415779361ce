package io.callisto.spark;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.LinkedHashMap;
import java.util.Map;
import jdk.jshell.spi.ExecutionControl.ClassBytecodes;

/**
 * The notebook's classes as class files, for Spark's executors to fetch. The kernel names the directory in the
 * system property {@value #DIRECTORY_PROPERTY}; at start this sets Spark's {@value #SPARK_OUTPUT_DIR} to it (unless
 * the user set that themselves), and {@code SparkConf} picks it up when a cell builds a session. A redefined
 * class overwrites its file. Spark's executors fetch a class once and keep it.
 */
public final class ReplClassDirectory {
    /** Set by the kernel on the executor's command line: where this executor's class files go. */
    public static final String DIRECTORY_PROPERTY = "callisto.replClassDir";
    /** Spark's setting (SparkContext, ExecutorClassLoader) for the directory of REPL-compiled classes. */
    public static final String SPARK_OUTPUT_DIR = "spark.repl.class.outputDir";
    /** Spark's setting (3.5+) for the log level a SparkContext sets at its start; a user's setting wins. */
    public static final String SPARK_LOG_LEVEL = "spark.log.level";

    private static volatile Path directory;
    /** The classes loaded before Spark was seen, by binary name, in load order. */
    private static final Map<String, byte[]> PENDING = new LinkedHashMap<>();
    private static boolean sparkSeen;

    private ReplClassDirectory() {
    }

    /** Reads the kernel's property and points Spark at the directory; without the property, nothing is written. */
    public static void start() {
        String configured = System.getProperty(DIRECTORY_PROPERTY);
        if (configured == null || configured.isBlank()) {
            return;
        }
        Path dir = Path.of(configured);
        try {
            Files.createDirectories(dir);
        } catch (IOException e) {
            System.err.println("Callisto: cannot create " + dir + " for Spark's REPL classes: " + e.getMessage());
            return;
        }
        directory = dir;
        if (System.getProperty(SPARK_OUTPUT_DIR) == null) {
            System.setProperty(SPARK_OUTPUT_DIR, dir.toString());
        }
        // Spark logs at INFO to stderr, dozens of lines under every cell; its own shell starts at WARN too.
        if (System.getProperty(SPARK_LOG_LEVEL) == null) {
            System.setProperty(SPARK_LOG_LEVEL, "WARN");
        }
    }

    /** The directory the class files go to, or null when the kernel named none. */
    public static Path directory() {
        return directory;
    }

    /**
     * Writes (or overwrites) one class file per class, at its binary name's path ({@code REPL/$JShell$12.class}),
     * once Spark has been seen ({@link #sparkSeen}); until then the bytes wait in memory, so a notebook without
     * Spark pays nothing on disk. A class that cannot be written is reported on stderr once and skipped: a cell
     * never fails for it.
     *
     * @param classes the classes JShell has just loaded or redefined (ExecutionControl's load and redefine)
     */
    public static void write(ClassBytecodes[] classes) {
        Path dir = directory;
        if (dir == null) {
            return;
        }
        synchronized (PENDING) {
            if (!sparkSeen) {
                for (ClassBytecodes c : classes) {
                    PENDING.put(c.name(), c.bytecodes());  // a redefinition replaces the bytes kept
                }
                return;
            }
        }
        for (ClassBytecodes c : classes) {
            writeFile(dir, c.name(), c.bytecodes());
        }
    }

    /**
     * Spark is in the snippets' class loader (io.callisto.spark.SparkWatch): the classes kept so far go to disk,
     * before the snippet that may start a job runs, and later ones are written as they come.
     */
    public static void sparkSeen() {
        Path dir = directory;
        synchronized (PENDING) {
            sparkSeen = true;
            if (dir != null) {
                PENDING.forEach((name, bytes) -> writeFile(dir, name, bytes));
            }
            PENDING.clear();
        }
    }

    private static void writeFile(Path dir, String name, byte[] bytecodes) {
        Path file = dir.resolve(name.replace('.', '/') + ".class");
        try {
            Files.createDirectories(file.getParent());
            // Written aside and moved over, so a Spark executor fetching the class never reads half a file.
            Path partial = Files.createTempFile(file.getParent(), ".callisto", ".partial");
            Files.write(partial, bytecodes);
            Files.move(partial, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            System.err.println("Callisto: cannot write " + file + " for Spark: " + e.getMessage());
        }
    }
}
