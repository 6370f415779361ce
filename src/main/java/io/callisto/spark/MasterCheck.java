package io.callisto.spark;

import static io.callisto.spark.Reflection.call;
import static io.callisto.spark.Reflection.companion;

import java.io.IOException;
import java.lang.reflect.Method;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;

/**
 * Fails a SparkContext quickly when its standalone master cannot be reached. Spark's standalone client retries
 * registration three times, 20 s apart (fixed in StandaloneAppClient), so {@code getOrCreate()} with a wrong
 * master URL blocks for a minute, then returns a stopped session, and the error only comes in a later cell. While
 * a cell's thread waits in {@code StandaloneSchedulerBackend.waitForRegistration}, this opens a TCP connection
 * to each master; when none has accepted one for {@value #GIVE_UP_MS} ms, it ends the wait as Spark itself does
 * after its retries (the backend's {@code dead(reason)}, which stops the context), and the cell reports an error.
 * Spark is reached by reflection; on a Spark line whose internals differ, Spark's own minute applies.
 */
final class MasterCheck {
    static final long GIVE_UP_MS = 3_000;
    private static final long STOP_WAIT_MS = 10_000;
    private static final int CONNECT_TIMEOUT_MS = 1_000;
    private static final String WAIT_FRAME = "waitForRegistration";
    private static final String STANDALONE_BACKEND = "org.apache.spark.scheduler.cluster.StandaloneSchedulerBackend";

    private final ClassLoader snippets;
    private Object waiting;  // the SparkContext seen waiting for its master
    private long waitingSince;
    private String stopped;
    private Object killed;  // the SparkContext this check stopped, during the cell

    MasterCheck(ClassLoader snippets) {
        this.snippets = snippets;
    }

    /** A new cell: nothing seen yet. */
    void reset() {
        waiting = null;
        stopped = null;
        killed = null;
    }

    /**
     * The cell has ended. When this check stopped a SparkContext during it, waits (at most {@value #STOP_WAIT_MS}
     * ms) for Spark's stop to finish, then forgets that context and its SparkSession: Spark's stop runs on a thread
     * of its own while getOrCreate goes on, and getOrCreate marks the stopped context active again, so the next
     * getOrCreate would hand back the stopped one.
     *
     * @return why this check stopped a SparkContext during the cell, as the cell's error message; null if it did not
     */
    String finish() {
        if (killed != null) {
            try {
                forget(killed);
            } catch (ReflectiveOperationException | RuntimeException | LinkageError e) {
                System.err.println("Callisto: could not clear the stopped SparkContext: " + e);
            }
        }
        return stopped;
    }

    private void forget(Object sc) throws ReflectiveOperationException {
        long deadline = System.nanoTime() + STOP_WAIT_MS * 1_000_000;
        while (!(boolean) call(sc, "isStopped") && System.nanoTime() < deadline) {
            try {
                Thread.sleep(50);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
        if (SparkWatch.activeContext(snippets) == sc) {
            call(companion(snippets, "org.apache.spark.SparkContext"), "clearActiveContext");
        }
        Object session = companion(snippets, "org.apache.spark.sql.SparkSession");
        for (String which : new String[] {"Default", "Active"}) {
            Object option = call(session, "get" + which + "Session");
            if ((boolean) call(option, "isDefined") && call(call(option, "get"), "sparkContext") == sc) {
                call(session, "clear" + which + "Session");
            }
        }
    }

    /**
     * One look at the cell's thread, made while no SparkContext is active.
     *
     * @param cell the thread running the cell
     * @throws ReflectiveOperationException when Spark's internals are not as expected
     */
    void check(Thread cell) throws ReflectiveOperationException {
        if (stopped != null || !waitsForRegistration(cell)) {
            waiting = null;
            return;
        }
        Object sc = SparkWatch.contextBeingConstructed(snippets);
        if (sc == null) {
            return;
        }
        String master = String.valueOf(call(sc, "master"));
        if (!master.startsWith("spark://")) {
            return;
        }
        if (sc != waiting) {
            waiting = sc;
            waitingSince = System.nanoTime();
        }
        String refused = unreachable(master);
        if (refused == null) {
            waiting = null;  // a master answers: registration is Spark's business
            return;
        }
        if ((System.nanoTime() - waitingSince) / 1_000_000 < GIVE_UP_MS) {
            return;
        }
        Object backend = call(sc, "schedulerBackend");
        if (backend == null || !backend.getClass().getName().equals(STANDALONE_BACKEND)) {
            return;
        }
        String reason = "the Spark master at " + master + " cannot be reached (" + refused + ")";
        stopped = "Callisto stopped this SparkContext: " + reason + " for " + GIVE_UP_MS / 1000 + " s"
                + " (Spark itself waits a minute). Start the master or correct the URL, then run the cell again.";
        killed = sc;
        Method dead = backend.getClass().getMethod("dead", String.class);
        try {
            dead.invoke(backend, reason);  // Spark's own path when its retries run out: release the wait, stop
        } catch (java.lang.reflect.InvocationTargetException expected) {
            // TaskSchedulerImpl.error throws when no job is running: that is Spark's "Exiting due to error"
        }
    }

    private static boolean waitsForRegistration(Thread cell) {
        for (StackTraceElement frame : cell.getStackTrace()) {
            if (frame.getMethodName().equals(WAIT_FRAME) && frame.getClassName().equals(STANDALONE_BACKEND)) {
                return true;
            }
        }
        return false;
    }

    /**
     * Tries a TCP connection to each master of a {@code spark://host:port[,host:port]} URL.
     *
     * @return null when one accepts, else why the last one did not (Connection refused, a timeout after 1 s)
     */
    private static String unreachable(String master) {
        String failure = "no address";
        for (String address : master.substring("spark://".length()).split(",")) {
            URI uri = URI.create("spark://" + address);
            try (Socket socket = new Socket()) {
                socket.connect(new InetSocketAddress(uri.getHost(), uri.getPort()), CONNECT_TIMEOUT_MS);
                return null;
            } catch (IOException | IllegalArgumentException e) {
                failure = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
            }
        }
        return failure;
    }
}
