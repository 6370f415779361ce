package io.callisto.spark;

import static io.callisto.spark.Reflection.call;
import static io.callisto.spark.Reflection.companion;

import java.lang.reflect.Field;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Whether a cell has a {@code SparkContext} running against a cluster, looked at after every snippet. The kernel
 * reads {@code clusterActive} over its debugger connection before it redefines a class in place
 * (engine.ExecutorConnection): a cluster's executors keep the classes they have fetched, so while one may hold
 * a notebook class, a changed class must come under a new name (JShell's replacement) for the cluster to run the
 * same code as the driver. Spark is reached by reflection through the snippets' class loader. A notebook without
 * Spark looks Spark up once, and again only after its classpath grows ({@link #classpathChanged}).
 */
public final class SparkWatch {
    private static final String SPARK_CONTEXT = "org.apache.spark.SparkContext";
    /** The accessor Scala generates for {@code object SparkContext}'s {@code private val activeContext}. */
    private static final String ACTIVE_CONTEXT = "org$apache$spark$SparkContext$$activeContext";
    /**
     * The thread that cancels Spark's jobs when a cell is interrupted. The kernel interrupts it (JDI's
     * ThreadReference.interrupt, engine.ExecutorConnection.stop) just before it stops the cell's thread: a cell
     * waiting for a job would otherwise wait in Spark's own clean-up for tasks that run on for hours.
     */
    public static final String CANCEL_THREAD = "callisto-spark-cancel";

    private static Thread canceller;
    /** The snippets' class loader once Spark has been seen in it; null before. */
    private static volatile ClassLoader sparkLoader;
    /** Spark was looked up and not found, and the classpath has not grown since. */
    private static volatile boolean sparkAbsent;

    /** Read by the kernel over JDI; true while an active, non-local SparkContext exists. */
    @SuppressWarnings("unused")
    private static volatile boolean clusterActive;

    private SparkWatch() {
    }

    /**
     * Looks for an active SparkContext after a snippet has run.
     *
     * @param snippets the class loader of the snippets (and of the jars {@code %maven} added)
     */
    public static void afterSnippet(ClassLoader snippets) {
        clusterActive = clusterContext(snippets);
    }

    /**
     * A snippet starts on this thread. Once Spark is there, the notebook's classes are on disk for it, and a
     * parent-shell cell gets a progress bar.
     *
     * @param snippets the class loader of the snippets (and of the jars {@code %maven} added)
     * @param parentShell whether the snippet is the parent shell's (a subshell's cells get no progress bar)
     */
    public static void beforeSnippet(ClassLoader snippets, boolean parentShell) {
        if (sparkPresent(snippets) && parentShell) {
            SparkProgress.cellStarted(Thread.currentThread());
        }
    }

    /**
     * The snippet that {@link #beforeSnippet} announced has ended: the progress bar shows its last counts.
     *
     * @return why Callisto stopped a SparkContext during the snippet (a standalone master that cannot be reached),
     *     to report as the snippet's error; null when it did not
     */
    public static String afterCellSnippet() {
        return SparkProgress.cellEnded();
    }

    /** The snippets' classpath has grown ({@code %maven}, {@code %jars}): Spark may be there now. */
    public static void classpathChanged() {
        sparkAbsent = false;
    }

    /**
     * Stops the active SparkContext, if any, before this JVM ends (the kernel's shutdown or restart, which halt
     * it without shutdown hooks): the driver tells the cluster it is done, and the executors it holds exit.
     *
     * @param timeoutMs how long to wait for Spark's stop, in ms; a stop still running then is abandoned
     */
    public static void stopContext(long timeoutMs) {
        ClassLoader snippets = sparkLoader;
        if (snippets == null) {
            return;
        }
        Thread stopper = new Thread(() -> {
            try {
                Object sc = activeContext(snippets);
                if (sc != null) {
                    call(sc, "stop");
                }
            } catch (ReflectiveOperationException | RuntimeException e) {
                System.err.println("Callisto: could not stop the SparkContext: " + e);
            }
        }, "callisto-spark-stop");
        stopper.setDaemon(true);
        stopper.start();
        try {
            stopper.join(timeoutMs);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Starts the cancelling thread once Spark is seen in the snippets' class loader. */
    private static synchronized void watchInterrupts(ClassLoader snippets) {
        if (canceller != null) {
            return;
        }
        canceller = new Thread(() -> {
            while (true) {
                try {
                    Thread.sleep(Long.MAX_VALUE);  // until the kernel interrupts this thread
                } catch (InterruptedException interrupted) {
                    cancelJobs(snippets);
                }
            }
        }, CANCEL_THREAD);
        canceller.setDaemon(true);
        canceller.start();
    }

    /**
     * Cancels every job of the active SparkContext, if there is one (SparkContext.cancelAllJobs): an interrupted
     * cell's jobs would otherwise keep running on the cluster and hold its cores. Never throws.
     */
    private static void cancelJobs(ClassLoader snippets) {
        try {
            Object sc = activeContext(snippets);
            if (sc != null) {
                call(sc, "cancelAllJobs");
            }
        } catch (ReflectiveOperationException | RuntimeException e) {
            System.err.println("Callisto: could not cancel the Spark jobs: " + e);
        }
    }

    private static boolean clusterContext(ClassLoader snippets) {
        if (!sparkPresent(snippets)) {
            return false;
        }
        try {
            Object sc = activeContext(snippets);
            return sc != null && !(boolean) call(sc, "isLocal") && !(boolean) call(sc, "isStopped");
        } catch (ReflectiveOperationException | RuntimeException e) {
            return false;  // a Spark line whose internals differ: no cluster protection, as without Spark
        }
    }

    /** Whether Spark is in the snippets' class loader; the first time it is, the cancelling and progress threads start. */
    private static boolean sparkPresent(ClassLoader snippets) {
        if (sparkAbsent) {
            return false;
        }
        if (sparkLoader == null) {
            try {
                Class.forName(SPARK_CONTEXT, false, snippets);
            } catch (ClassNotFoundException | LinkageError absent) {
                sparkAbsent = true;
                return false;
            }
            sparkLoader = snippets;
            ReplClassDirectory.sparkSeen();
            watchInterrupts(snippets);
            SparkProgress.start(snippets);
        }
        return true;
    }

    /**
     * The active SparkContext, or null for none (or no Spark). Read from the companion object's
     * {@code activeContext} reference (its accessor's name mangled by Scala) without its lock: SparkContext.getActive
     * takes the lock that {@code getOrCreate} holds while a context is built, which is a minute when a master
     * cannot be reached. A Spark line without that accessor is asked through getActive.
     */
    static Object activeContext(ClassLoader snippets) throws ReflectiveOperationException {
        Object companion = companion(snippets, SPARK_CONTEXT);
        if (companion == null) {
            return null;
        }
        Object reference;
        try {
            reference = call(companion, ACTIVE_CONTEXT);
        } catch (NoSuchMethodException differentSpark) {
            Object active = call(companion, "getActive");
            return active != null && (boolean) call(active, "isDefined") ? call(active, "get") : null;
        }
        return ((AtomicReference<?>) reference).get();
    }

    /**
     * The SparkContext being built ({@code SparkContext.contextBeingConstructed}, an Option), or null.
     *
     * @throws NoSuchFieldException on a Spark line without that field
     */
    static Object contextBeingConstructed(ClassLoader snippets) throws ReflectiveOperationException {
        Object companion = companion(snippets, SPARK_CONTEXT);
        if (companion == null) {
            return null;
        }
        Object option = companionField(companion, "contextBeingConstructed");
        return option != null && (boolean) call(option, "isDefined") ? call(option, "get") : null;
    }

    private static Object companionField(Object companion, String name) throws ReflectiveOperationException {
        Field field = companion.getClass().getDeclaredField(name);
        field.setAccessible(true);
        return field.get(companion);
    }
}
