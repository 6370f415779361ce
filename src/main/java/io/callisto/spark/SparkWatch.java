package io.callisto.spark;

import java.lang.reflect.Method;

/**
 * Whether a cell has a {@code SparkContext} running against a cluster, looked at after every snippet. The kernel
 * reads {@code clusterActive} over its debugger connection before it redefines a class in place
 * (engine.ExecutorConnection): a cluster's executors keep the classes they have fetched, so while one may hold
 * a notebook class, a changed class must come under a new name (JShell's replacement) for the cluster to run the
 * same code as the driver. Spark is reached by reflection through the snippets' class loader; a notebook without
 * Spark pays one failed class lookup per snippet.
 */
public final class SparkWatch {
    private static final String SPARK_CONTEXT = "org.apache.spark.SparkContext";
    /**
     * The thread that cancels Spark's jobs when a cell is interrupted. The kernel interrupts it (JDI's
     * ThreadReference.interrupt, engine.ExecutorConnection.stop) just before it stops the cell's thread: a cell
     * waiting for a job would otherwise wait in Spark's own clean-up for tasks that run on for hours.
     */
    public static final String CANCEL_THREAD = "callisto-spark-cancel";

    private static Thread canceller;
    /** The snippets' class loader once Spark has been seen in it; null before. */
    private static volatile ClassLoader sparkLoader;

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
     *
     * @param snippets the class loader of the snippets
     */
    public static void cancelJobs(ClassLoader snippets) {
        try {
            Class<?> context = Class.forName(SPARK_CONTEXT, false, snippets);
            Object active = activeOf(context);
            if (active != null && (boolean) call(active, "isDefined")) {
                call(call(active, "get"), "cancelAllJobs");
            }
        } catch (ClassNotFoundException | LinkageError absent) {
            // no Spark in this notebook
        } catch (ReflectiveOperationException | RuntimeException e) {
            System.err.println("Callisto: could not cancel the Spark jobs: " + e);
        }
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
                Object active = activeOf(Class.forName(SPARK_CONTEXT, false, snippets));
                if (active != null && (boolean) call(active, "isDefined")) {
                    call(call(active, "get"), "stop");
                }
            } catch (ReflectiveOperationException | RuntimeException | LinkageError e) {
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

    /** Whether the last look found a cluster SparkContext. */
    public static boolean clusterActive() {
        return clusterActive;
    }

    private static boolean clusterContext(ClassLoader snippets) {
        Class<?> context;
        try {
            context = Class.forName(SPARK_CONTEXT, false, snippets);
        } catch (ClassNotFoundException | LinkageError absent) {
            return false;
        }
        sparkLoader = snippets;
        watchInterrupts(snippets);
        try {
            // SparkContext.getActive (private[spark] in Scala, public in the bytecode): an Option[SparkContext].
            Object active = activeOf(context);
            if (active == null || !(boolean) call(active, "isDefined")) {
                return false;
            }
            Object sc = call(active, "get");
            return !(boolean) call(sc, "isLocal") && !(boolean) call(sc, "isStopped");
        } catch (ReflectiveOperationException | RuntimeException e) {
            return false;  // a Spark line whose internals differ: no cluster protection, as without Spark
        }
    }

    private static Object activeOf(Class<?> context) throws ReflectiveOperationException {
        try {
            return context.getMethod("getActive").invoke(null);
        } catch (NoSuchMethodException noForwarder) {
            Class<?> companion = Class.forName(SPARK_CONTEXT + "$", false, context.getClassLoader());
            Object module = companion.getField("MODULE$").get(null);
            return companion.getMethod("getActive").invoke(module);
        }
    }

    private static Object call(Object target, String method) throws ReflectiveOperationException {
        Method m = target.getClass().getMethod(method);
        m.setAccessible(true);
        return m.invoke(target);
    }
}
