package io.callisto.spark;

import static io.callisto.spark.Reflection.call;

import io.callisto.display.DisplayChannel;
import io.callisto.display.OutputParent;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * The progress bar under a cell that runs Spark jobs: one row per stage (tasks done, running, of all), shown once
 * a stage is seen running and kept up to date with {@code update_display_data} until the cell ends, when the rows
 * show each stage's last counts. Stages are polled every {@value #POLL_MS} ms from Spark's public
 * {@code SparkStatusTracker} (getActiveStageIds, getStageInfo), as Spark's own console progress bar polls its
 * status store; a job shorter than one poll shows no bar. Only the parent shell's cells get a bar.
 * While polling, {@link MasterCheck} watches a SparkContext that waits for an unreachable standalone master.
 */
final class SparkProgress {
    static final long POLL_MS = 200;
    /** Rows shown at most; a cell that runs more stages shows its latest ones. */
    private static final int ROWS = 6;
    private static final int BAR_WIDTH = 40;

    private static volatile SparkProgress instance;

    private final ClassLoader snippets;
    private final Map<Integer, Stage> stages = new LinkedHashMap<>();
    private final MasterCheck masterCheck;
    /** The SparkContext whose stages were last seen, and the highest stage id an earlier cell showed in it. */
    private Object context;
    private int lastStageBefore = Integer.MIN_VALUE;
    /** The running cell's thread, or null between cells. */
    private Thread cell;
    private String displayId;
    private String shown;

    private SparkProgress(ClassLoader snippets) {
        this.snippets = snippets;
        this.masterCheck = new MasterCheck(snippets);
    }

    /** Starts the polling thread, once, when Spark is first seen in the snippets' class loader. */
    static synchronized void start(ClassLoader snippets) {
        if (instance != null) {
            return;
        }
        instance = new SparkProgress(snippets);
        Thread poller = new Thread(instance::poll, "callisto-spark-progress");
        poller.setDaemon(true);
        poller.start();
    }

    /** A parent-shell cell starts running on {@code thread}: polling begins (a no-op before Spark is seen). */
    static void cellStarted(Thread thread) {
        SparkProgress progress = instance;
        if (progress != null) {
            progress.begin(thread);
        }
    }

    /**
     * The cell ends: polling stops and a shown bar gets each stage's last counts, before the cell's reply.
     *
     * @return why Callisto stopped a SparkContext during this cell ({@link MasterCheck}), or null
     */
    static String cellEnded() {
        SparkProgress progress = instance;
        return progress == null ? null : progress.end();
    }

    private synchronized void begin(Thread thread) {
        cell = thread;
        for (int id : stages.keySet()) {
            lastStageBefore = Math.max(lastStageBefore, id);
        }
        stages.clear();
        displayId = null;
        shown = null;
        masterCheck.reset();
        notifyAll();
    }

    private String end() {
        synchronized (this) {
            if (cell == null) {
                return null;
            }
            try {
                if (displayId != null) {
                    Object sc = SparkWatch.activeContext(snippets);
                    refresh(sc == null ? null : call(sc, "statusTracker"), true);
                }
            } catch (ReflectiveOperationException | RuntimeException | LinkageError e) {
                // the bar keeps its last rows; the cell's own result matters more
            }
            cell = null;
            return masterCheck.finish();
        }
    }

    private void poll() {
        OutputParent.set(null);  // the bar belongs to the parent shell's running cell
        while (true) {
            try {
                synchronized (this) {
                    while (cell == null) {
                        wait();
                    }
                }
                Thread.sleep(POLL_MS);
                synchronized (this) {
                    if (cell != null) {
                        tick();
                    }
                }
            } catch (InterruptedException e) {
                return;
            } catch (ReflectiveOperationException | RuntimeException | LinkageError e) {
                // a Spark line whose status API differs, or a context stopping under us: no bar this time
            }
        }
    }

    /** One poll, with this object's lock held and a cell running. */
    private void tick() throws ReflectiveOperationException {
        Object sc = SparkWatch.activeContext(snippets);
        if (sc == null) {
            masterCheck.check(cell);
            return;
        }
        if (sc != context) {
            context = sc;  // stage ids start again at 0 in a new SparkContext
            lastStageBefore = Integer.MIN_VALUE;
        }
        Object tracker = call(sc, "statusTracker");
        for (int id : (int[]) call(tracker, "getActiveStageIds")) {
            if (id > lastStageBefore) {  // not a stage of an earlier cell (a cancelled one still winding down)
                stages.computeIfAbsent(id, Stage::new);
            }
        }
        if (!stages.isEmpty()) {
            refresh(tracker, false);
        }
    }

    /**
     * Reads the stages' counts from {@code tracker} (a SparkStatusTracker; null when the context has gone, and the
     * rows keep their counts) and shows them if they changed; {@code last} is the cell's final refresh.
     */
    private void refresh(Object tracker, boolean last) throws ReflectiveOperationException {
        if (tracker != null) {
            for (Stage stage : stages.values()) {
                Object info = call(tracker, "getStageInfo", stage.id);  // Option[SparkStageInfo]
                if ((boolean) call(info, "isDefined")) {
                    stage.read(call(info, "get"));
                }
            }
        }
        List<Stage> rows = new ArrayList<>(stages.values());
        rows = rows.subList(Math.max(0, rows.size() - ROWS), rows.size());
        String text = text(rows, last);
        if (text.equals(shown)) {
            return;
        }
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("text/plain", text);
        data.put("text/html", html(rows, last));
        Map<String, Object> content = new LinkedHashMap<>();
        content.put("data", data);
        content.put("metadata", Map.of());
        String type = displayId == null ? "display_data" : "update_display_data";
        if (displayId == null) {
            displayId = "callisto-spark-" + UUID.randomUUID();
        }
        content.put("transient", Map.of("display_id", displayId));
        DisplayChannel.send(type, content);
        shown = text;
    }

    /** Spark's console progress bar's form: {@code [Stage 3:=====>     (5 + 2) / 8]}. */
    private static String text(List<Stage> rows, boolean last) {
        StringBuilder out = new StringBuilder();
        for (Stage stage : rows) {
            int width = stage.tasks == 0 ? 0 : BAR_WIDTH * stage.completed / stage.tasks;
            out.append("[Stage ").append(stage.id).append(':')
                    .append("=".repeat(width)).append(width < BAR_WIDTH ? ">" : "")
                    .append(" ".repeat(Math.max(0, BAR_WIDTH - width - 1)))
                    .append('(').append(stage.completed).append(" + ").append(last ? 0 : stage.active)
                    .append(") / ").append(stage.tasks).append(']');
            if (stage.failed > 0) {
                out.append(' ').append(stage.failed).append(" failed");
            }
            out.append('\n');
        }
        return out.toString().stripTrailing();
    }

    private static String html(List<Stage> rows, boolean last) {
        StringBuilder out = new StringBuilder("<div class=\"callisto-spark-progress\">");
        for (Stage stage : rows) {
            out.append("<div><code>Stage ").append(stage.id).append("</code> <progress value=\"").append(stage.completed)
                    .append("\" max=\"").append(Math.max(1, stage.tasks)).append("\"></progress> ")
                    .append(stage.completed).append('/').append(stage.tasks).append(" tasks");
            if (!last && stage.active > 0) {
                out.append(", ").append(stage.active).append(" running");
            }
            if (stage.failed > 0) {
                out.append(", ").append(stage.failed).append(" failed");
            }
            out.append("</div>");
        }
        return out.append("</div>").toString();
    }

    /** One stage's counts, from a {@code SparkStageInfo}. */
    private static final class Stage {
        final int id;
        int tasks;
        int active;
        int completed;
        int failed;

        Stage(int id) {
            this.id = id;
        }

        void read(Object info) throws ReflectiveOperationException {
            tasks = (int) call(info, "numTasks");
            active = (int) call(info, "numActiveTasks");
            completed = (int) call(info, "numCompletedTasks");
            failed = (int) call(info, "numFailedTasks");
        }
    }
}
