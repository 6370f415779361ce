package io.callisto.engine;

import io.callisto.spark.launch.SparkLaunch;

import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.Executors;
import java.util.function.Supplier;
import java.util.logging.Logger;

/**
 * The session that runs cells and its warm spare, kept in step with the notebook's {@link Checkpoint}, so
 * that when the executor JVM running cells ends, the spare takes over at once with the notebook's imports,
 * methods, types and classpath already in it. Runs in the kernel JVM.
 *
 * <p>The spare starts once no cell has run for {@value #SPARE_IDLE_MS} ms, never beside one (on two cores its
 * start, a second JShell and JVM, slowed the cells it ran beside by a third), and then a background thread
 * evaluates in it the definitions cells added or changed, again when the notebook is idle: a notebook run from
 * top to bottom compiles nothing twice while it runs. Declarations load classes but run nothing, so the spare
 * runs no user code. Once up to date, the spare runs small cells of its own for the JIT's sake
 * ({@link Session#warmUp}), until a cell of the notebook starts, and in later idle moments until 200 have run.
 * {@link #cellStarting()} and {@link #cellEnded()} are called by the thread that runs cells.
 */
final class SessionPool {
    private static final Logger LOG = Logger.getLogger(SessionPool.class.getName());

    private final Supplier<Session> starter;
    private final Checkpoint checkpoint;
    /** Classpath added while running (magics), replayed into every new session. */
    private final List<String> classpath = new CopyOnWriteArrayList<>();
    /** One thread brings the spare up to date, so its JShell is used by one thread at a time. */
    private final ScheduledExecutorService replicator = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread thread = new Thread(r, "callisto-spare");
        thread.setDaemon(true);
        return thread;
    });
    /**
     * Small cells the spare runs for the JIT's sake (Session.warmUp) while no cell runs, once per kernel over as
     * many idle moments as it takes: about 3 s of one core, after which trivial cells take about 20 ms, not 30-50.
     */
    static final int WARM_UP_CELLS = 200;
    /** Warm-up cells still to run, in this or a later spare, in later idle moments; the replicator's thread's. */
    private int warmUpLeft = WARM_UP_CELLS;
    /** Cells of the notebook started so far: the spare's warm-up stops at the first one after it began. */
    private volatile long cellsStarted;
    /** How long no cell must run before the spare starts or catches up, in ms. */
    static final long SPARE_IDLE_MS = 500;
    private final Object lock = new Object();
    /** The catch-up waiting for the notebook to be idle, or null. */
    private ScheduledFuture<?> pendingCatchUp;
    private Session session;
    /** The spare and its replica of the checkpoint; each sync is chained after the last. */
    private CompletableFuture<Spare> spare;
    private volatile boolean keepSpare;

    private record Spare(Session session, Checkpoint.Replica replica) {
    }

    /**
     * A swap's outcome: the fresh session and what was restored into it.
     *
     * @param session the new session running cells
     * @param restore what it holds of the notebook
     * @param millis how long the swap took on the thread that runs cells, in ms (waiting for the spare included)
     * @param madeFrom each definition of the old session with the new session's snippet made from it
     */
    record Swap(Session session, Checkpoint.Restore restore, long millis, java.util.Map<jdk.jshell.Snippet, jdk.jshell.Snippet> madeFrom) {
    }

    SessionPool(Supplier<Session> starter, Checkpoint checkpoint) {
        this.starter = starter;
        this.checkpoint = checkpoint;
        this.session = starter.get();
    }

    /** Keeps a warm spare from now on (the kernel asks for it once the first session is up). */
    void keepWarmSpare() {
        keepSpare = true;
    }

    /** The session running cells, alive or not (interrupts aim at it). */
    Session current() {
        synchronized (lock) {
            return session;
        }
    }

    /** Whether the executor JVM of the session running cells is alive. */
    boolean isLive() {
        return current().alive();
    }

    /**
     * Replaces the dead session with the spare, brought up to date with the checkpoint (variables aside),
     * or with a new session when there is no spare. Call from the thread that runs cells.
     *
     * @return the new session and what it holds
     */
    Swap swap() {
        long started = System.nanoTime();
        Session dead;
        CompletableFuture<Spare> waiting;
        synchronized (lock) {
            dead = session;
            waiting = spare;
            spare = null;  // the next one starts after this cell
        }
        Spare fresh = null;
        if (waiting != null) {
            try {
                fresh = waiting.join();
            } catch (java.util.concurrent.CompletionException | java.util.concurrent.CancellationException e) {
                LOG.warning("the spare session failed, starting another: " + e.getCause());
            }
        }
        if (fresh == null || !fresh.session().alive()) {
            if (fresh != null) {
                fresh.session().close();
            }
            fresh = new Spare(starter.get(), new Checkpoint.Replica());
        }
        // Whatever the last cell added since the last background sync.
        fresh.replica().sync(fresh.session().shell, checkpoint.snapshot(), classpath);
        List<String> lost = checkpoint.variableNames();
        checkpoint.adopt(fresh.replica());
        synchronized (lock) {
            session = fresh.session();
        }
        dead.close();
        Checkpoint.Restore restore = fresh.replica().describe(fresh.session().shell, lost, classpath.size());
        long millis = (System.nanoTime() - started) / 1_000_000;
        LOG.info(() -> "a fresh executor took over in " + millis + " ms: " + restore.describe());
        return new Swap(fresh.session(), restore, millis, fresh.replica().madeFrom());
    }

    /**
     * After a cell: starts the spare if one is wanted and none is there, and brings it up to date with what
     * the cell defined, in the background. Call from the thread that runs cells.
     */
    void cellEnded() {
        if (!keepSpare) {
            return;
        }
        List<Checkpoint.Definition> snapshot = checkpoint.snapshot();
        synchronized (lock) {
            cancelPendingCatchUp();
            pendingCatchUp = replicator.schedule(() -> catchUp(snapshot), SPARE_IDLE_MS, TimeUnit.MILLISECONDS);
        }
    }

    /** A cell starts: the spare's start or catch-up waits until the notebook is idle again. */
    void cellStarting() {
        cellsStarted++;  // only the thread that runs cells writes it
        synchronized (lock) {
            cancelPendingCatchUp();
        }
    }

    /** Cancels the catch-up waiting for idleness, if any (one under way runs on). Hold lock. */
    private void cancelPendingCatchUp() {
        if (pendingCatchUp != null) {
            pendingCatchUp.cancel(false);
            pendingCatchUp = null;
        }
    }

    /** On the replicator's thread: starts the spare if there is none, then brings it up to {@code snapshot}. */
    private void catchUp(List<Checkpoint.Definition> snapshot) {
        synchronized (lock) {
            pendingCatchUp = null;
            if (!keepSpare) {
                return;
            }
            if (spare == null) {
                spare = CompletableFuture.supplyAsync(() -> new Spare(starter.get(), new Checkpoint.Replica()), replicator);
            }
            // The warm-up ends for good at the first cell since this idle moment, even one that started while the
            // spare was starting: it never runs beside a cell or in the gaps between a notebook's cells.
            long cellsBefore = cellsStarted;
            spare = spare.thenApplyAsync(ready -> {
                ready.replica().sync(ready.session().shell, snapshot, classpath);
                warmUp(ready.session(), cellsBefore);
                return ready;
            }, replicator);
        }
    }

    /** On the replicator's thread: the rest of the kernel's warm-up, in the spare, until a cell starts. */
    private void warmUp(Session spareSession, long cellsBefore) {
        if (warmUpLeft == 0) {
            return;
        }
        long started = System.nanoTime();
        int ran = spareSession.warmUp(warmUpLeft, () -> cellsStarted != cellsBefore || !keepSpare);
        warmUpLeft -= ran;
        LOG.info(() -> "the spare session warmed the JIT up with " + ran + " cells in "
                + (System.nanoTime() - started) / 1_000_000 + " ms, " + warmUpLeft + " to go");
    }

    /**
     * Adds a jar or directory to the session running cells and, from then on, to every session.
     *
     * @param path the classpath entry, as JShell's addToClasspath takes it
     */
    void addToClasspath(String path) {
        classpath.add(path);
        current().shell.addToClasspath(path);
    }

    void close() {
        keepSpare = false;
        synchronized (lock) {
            cancelPendingCatchUp();
            session.close();
            if (spare != null) {
                spare.thenAccept(ready -> ready.session().close());
            }
        }
        replicator.shutdown();
        if (!ClassDataArchive.creating()) {  // an executor writing the install's archive needs its time
            ExecutorLauncher.killRemaining();
        }
        // The kernel ends with a halt, which runs no shutdown hook.
        SparkLaunch.deleteClassDirectories();
    }
}
