package io.callisto.spark.launch;

import io.callisto.KernelTempDirs;
import io.callisto.spark.ReplClassDirectory;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
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
                // A killed kernel's root is left behind: a later kernel removes it.
                KernelTempDirs.claim(root, ROOT_PREFIX);
            } catch (IOException e) {
                throw new UncheckedIOException("cannot make a directory for Spark's REPL classes", e);
            }
            Path made = root;
            Runtime.getRuntime().addShutdownHook(new Thread(() -> KernelTempDirs.delete(made), "callisto-repl-classes-cleanup"));
        }
        return root.resolve("executor-" + EXECUTORS.incrementAndGet());
    }

    /** Removes every class directory this kernel JVM made, and their root (the engine's close; the kernel halts). */
    public static synchronized void deleteClassDirectories() {
        if (root != null) {
            KernelTempDirs.delete(root);
        }
    }
}
