package io.callisto.engine;

import java.lang.reflect.Method;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.WeakHashMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.logging.Level;
import java.util.logging.Logger;
import jdk.jshell.JShell;
import jdk.jshell.SourceCodeAnalysis;

/**
 * Holds back JShell's class index until completion first needs it (kernel JVM).
 *
 * <p>As soon as a JShell's source analysis exists (the first cell creates it), JShell walks every class of the
 * JDK and of the classpath on a background thread, indexing package names and simple class names. On JDK 17
 * that walk is about 1 s of CPU and keeps about 15 MB of heap, more with jars on the classpath. Only completion
 * reads the index (the packages under {@code java.} in an expression, top-level package names), yet the walk ran
 * beside a notebook's first cells, on two cores at the cost of those cells. So each session's walk is suspended
 * when the session starts, and released for every session by the first {@code complete_request}. Member
 * completion (most of them) does not need the index and answers at once; a completion that finds nothing waits
 * for the index and is asked again. A kernel that never completes never builds the index.
 *
 * <p>Suspending uses JShell's own switch ({@code SourceCodeAnalysisImpl.suspendIndexing}, which its completion
 * uses to keep the walk out of its way), reached by reflection: the jar's manifest opens {@code jdk.jshell} to
 * Callisto ({@code Add-Opens}). In a JVM started without it, the index is built at once, as JShell does.
 */
final class CompletionIndex {
    private static final Logger LOG = Logger.getLogger(CompletionIndex.class.getName());
    /** {@code suspendIndexing}, {@code resumeIndexing}, {@code waitBackgroundTaskFinished}; null if not reachable. */
    private static final Method[] SWITCH = reflect();

    /** Shells whose walk is suspended, until {@link #release} or {@link #forget}. Guarded by this. */
    private final Map<JShell, SourceCodeAnalysis> held = new IdentityHashMap<>();
    private boolean released;
    /** Shells whose index a wait saw built (weak: a closed shell goes). Guarded by this. */
    private final Map<JShell, Boolean> built = new WeakHashMap<>();

    /**
     * Creates the shell's source analysis and suspends its walk, unless the index was already released (then
     * the walk runs, which after the first one only checks timestamps, as JShell caches indexes per path).
     *
     * @param shell a JShell just built, before its classpath is set
     */
    void hold(JShell shell) {
        if (SWITCH == null) {
            return;  // JShell's switch is out of reach: the first cell creates the analysis, and the walk, as before
        }
        SourceCodeAnalysis analysis = shell.sourceCodeAnalysis();
        synchronized (this) {
            if (released) {
                return;
            }
            if (invoke(SWITCH[0], analysis)) {
                held.put(shell, analysis);
            }
        }
    }

    /** Lets every held walk run; after the first call, returns at once. */
    void release() {
        List<SourceCodeAnalysis> resumed;
        synchronized (this) {
            if (released) {
                return;
            }
            released = true;
            resumed = List.copyOf(held.values());
            held.clear();
        }
        resumed.forEach(analysis -> invoke(SWITCH[1], analysis));
    }

    /**
     * Waits for the shell's index, at most {@code waitMs}, unless a wait already saw it built. JShell completes
     * from whatever part of the index exists, so a completion that found nothing is asked again after this.
     *
     * @param shell the shell completing, after {@link #release}
     * @param waitMs the longest wait, in ms
     * @return true if it waited (a completion may now find more), false if the index was known to be built
     */
    boolean await(JShell shell, long waitMs) {
        synchronized (this) {
            if (SWITCH == null || built.containsKey(shell)) {
                return false;
            }
        }
        long started = System.nanoTime();
        SourceCodeAnalysis analysis = shell.sourceCodeAnalysis();
        try {
            CompletableFuture.runAsync(() -> invoke(SWITCH[2], analysis)).get(waitMs, TimeUnit.MILLISECONDS);
            synchronized (this) {
                built.put(shell, Boolean.TRUE);
            }
            LOG.fine(() -> "completion index built after a wait of " + (System.nanoTime() - started) / 1_000_000 + " ms");
        } catch (TimeoutException e) {
            LOG.fine(() -> "completion index still building after " + waitMs + " ms; completing with part of it");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (java.util.concurrent.ExecutionException e) {
            LOG.log(Level.FINE, "waiting for the completion index failed", e.getCause());
        }
        return true;
    }

    /**
     * Lets a closing shell's walk run: JShell runs every shell's walk on one thread, so a held one would stop
     * the others, and its queued walk keeps the closed shell in memory. The first such walk builds the index
     * (in the background); later ones find it cached.
     *
     * @param shell a shell being closed
     */
    void forget(JShell shell) {
        SourceCodeAnalysis analysis;
        synchronized (this) {
            analysis = held.remove(shell);
        }
        if (analysis != null) {
            invoke(SWITCH[1], analysis);
        }
    }

    private static boolean invoke(Method method, SourceCodeAnalysis analysis) {
        try {
            method.invoke(analysis);
            return true;
        } catch (ReflectiveOperationException | RuntimeException e) {
            LOG.log(Level.FINE, "JShell's index switch failed: " + method.getName(), e);
            return false;
        }
    }

    private static Method[] reflect() {
        try {
            if (!JShell.class.getModule().isOpen("jdk.jshell", CompletionIndex.class.getModule())) {
                LOG.fine("jdk.jshell is not open to Callisto: JShell indexes classes at once");
                return null;
            }
            Class<?> impl = Class.forName("jdk.jshell.SourceCodeAnalysisImpl");
            Method[] methods = {impl.getMethod("suspendIndexing"), impl.getMethod("resumeIndexing"),
                    impl.getMethod("waitBackgroundTaskFinished")};
            for (Method method : methods) {
                method.setAccessible(true);
            }
            return methods;
        } catch (ReflectiveOperationException | RuntimeException e) {
            LOG.log(Level.FINE, "JShell's index switch is not there: JShell indexes classes at once", e);
            return null;
        }
    }
}
