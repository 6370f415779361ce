package io.callisto.subshells;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.callisto.engine.Engine;
import io.callisto.magics.CellRunner;
import io.callisto.protocol.Replies;
import io.callisto.protocol.Requests;
import io.callisto.wire.Json;
import io.callisto.wire.Message;
import io.callisto.wire.Timestamps;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Supplier;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * execute_requests on subshells. Each subshell counts its own executions (JEP 91) and runs its cells on an
 * engine lane of its own, concurrently with the parent shell's cells, in the notebook's namespace. What a
 * cell prints and displays in the executor arrives as records naming the request's msg_id (the executor's
 * thread for the subshell carries it), which {@link #fromExecutor} publishes under the request, so nothing
 * of it lands under the parent shell's running cell; the cell's end waits for the executor's output_end
 * record, so the reply comes after all of it. Requests are remembered for a while after they end, so what
 * threads a cell started print later still goes under it.
 *
 * <p>Not on subshells: magics (they run on the parent shell), stdin, user_expressions, the input history, and
 * aborting queued executes after an error.
 */
public final class SubshellCells {
    private static final Logger LOG = Logger.getLogger(SubshellCells.class.getName());
    private static final long OUTPUT_END_WAIT_MS = 5_000;
    private static final int REMEMBERED_REQUESTS = 256;

    /** How the cells' messages leave the kernel. */
    public interface Wire {
        /** An IOPub message under {@code parent}. */
        void publish(String msgType, Message parent, Object content);

        /** The reply to a shell request, to its sender. */
        void reply(Message request, String msgType, Object content, ObjectNode metadata);
    }

    /** A subshell's execute_request and what its cell has sent so far. */
    private static final class Cell {
        final Message request;
        final boolean silent;
        final CompletableFuture<Void> outputEnded = new CompletableFuture<>();
        volatile JsonNode richResult;
        final List<JsonNode> afterCell = Collections.synchronizedList(new ArrayList<>());

        Cell(Message request, boolean silent) {
            this.request = request;
            this.silent = silent;
        }
    }

    private final Wire wire;
    private final Supplier<Engine> engine;
    private final Clock clock;
    private final String engineId;
    private final Map<String, Integer> counts = new ConcurrentHashMap<>();
    private final Map<String, Engine.Lane> lanes = new ConcurrentHashMap<>();
    private final Map<String, Cell> cells = Collections.synchronizedMap(new LinkedHashMap<>(64, 0.75f, false) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Cell> eldest) {
            return size() > REMEMBERED_REQUESTS;
        }
    });

    /**
     * @param engine the engine, waited for while it starts
     * @param engineId execute_reply metadata's {@code engine}
     */
    public SubshellCells(Wire wire, Supplier<Engine> engine, Clock clock, String engineId) {
        this.wire = wire;
        this.engine = engine;
        this.clock = clock;
        this.engineId = engineId;
    }

    /** Runs an execute_request on subshell {@code id}, on that subshell's thread. */
    public void execute(String id, Message request) {
        String started = Timestamps.now(clock);
        Requests.ExecuteRequest execute = Json.fromObject(request.content(), Requests.ExecuteRequest.class);
        int count = execute.storesHistory() ? counts.merge(id, 1, Integer::sum) : counts.getOrDefault(id, 0);
        boolean silent = execute.isSilent();
        if (!silent) {
            wire.publish("execute_input", request, new Replies.ExecuteInput(execute.source(), count));
        }
        String msgId = request.header().path("msg_id").asText("");
        Cell cell = new Cell(request, silent);
        cells.put(msgId, cell);
        Engine.CellOutcome outcome;
        if (CellRunner.hasMagic(execute.source())) {
            outcome = failure("MagicOnSubshell", "magics (% and %%) run on the parent shell only");
        } else {
            try {
                Engine.Lane lane = lanes.computeIfAbsent(id, unused -> engine.get().openLane());
                outcome = lane.execute(execute.source(), count, msgId);
                awaitOutput(cell);
            } catch (RuntimeException e) {
                LOG.log(Level.SEVERE, "a subshell's cell failed in the kernel", e);
                outcome = failure("KernelError", "Callisto could not run the cell on this subshell: " + e);
            }
        }
        if (outcome instanceof Engine.Success success) {
            if (success.resultText() != null && !silent) {
                wire.publish("execute_result", request, result(count, success.resultText(), cell.richResult));
            }
            publishAfterCell(cell);
            wire.reply(request, "execute_reply", new Replies.ExecuteOk(count, Map.of()), metadata(started, "ok"));
        } else {
            Engine.Failure failure = (Engine.Failure) outcome;
            publishAfterCell(cell);
            if (!silent) {
                wire.publish("error", request, new Replies.ExecuteError(null, null, failure.ename(), failure.evalue(),
                        failure.traceback()));
            }
            wire.reply(request, "execute_reply", new Replies.ExecuteError("error", count, failure.ename(),
                    failure.evalue(), failure.traceback()), metadata(started, "error"));
        }
    }

    /** The subshell is deleted and its last request answered: its lane closes. On the subshell's thread. */
    public void ended(String id) {
        counts.remove(id);
        Engine.Lane lane = lanes.remove(id);
        if (lane != null) {
            lane.close();
        }
    }

    /**
     * Takes a record from the executor (JShell's reader thread) when it belongs to a subshell's request: the
     * request's stream output, displays, rich result and output_end mark. Comm records and records of other
     * messages are left to the kernel.
     *
     * @return whether the record was taken
     */
    public boolean fromExecutor(JsonNode record) {
        JsonNode parent = record.path("parent");
        Cell cell = parent.isTextual() ? cells.get(parent.asText()) : null;
        if (cell == null) {
            return false;
        }
        JsonNode content = record.path("content");
        switch (record.path("msg_type").asText()) {
            case "output_end" -> cell.outputEnded.complete(null);
            case "execute_result" -> cell.richResult = content;
            case "display_data" -> {
                if (record.path("after_cell").asBoolean(false)) {
                    cell.afterCell.add(content);
                } else {
                    publish(cell, "display_data", content);
                }
            }
            case "stream", "update_display_data", "clear_output" -> publish(cell, record.path("msg_type").asText(), content);
            default -> {
                return false;
            }
        }
        return true;
    }

    private void publish(Cell cell, String msgType, JsonNode content) {
        if (!cell.silent && content.isObject()) {
            wire.publish(msgType, cell.request, content);
        }
    }

    private void publishAfterCell(Cell cell) {
        List<JsonNode> shown;
        synchronized (cell.afterCell) {
            shown = List.copyOf(cell.afterCell);
            cell.afterCell.clear();
        }
        shown.forEach(content -> publish(cell, "display_data", content));
    }

    /** Waits for the executor's output_end of the cell (the executor may have died meanwhile: bounded). */
    private static void awaitOutput(Cell cell) {
        try {
            cell.outputEnded.get(OUTPUT_END_WAIT_MS, TimeUnit.MILLISECONDS);
        } catch (TimeoutException | ExecutionException e) {
            LOG.warning("a subshell cell's output did not end within " + OUTPUT_END_WAIT_MS + " ms");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static ObjectNode result(int count, String text, JsonNode rich) {
        ObjectNode result = Json.object();
        result.put("execution_count", count);
        ObjectNode data = rich != null && rich.path("data").isObject() ? ((ObjectNode) rich.get("data")).deepCopy() : Json.object();
        if (!data.has("text/plain")) {
            data.put("text/plain", text);
        }
        result.set("data", data);
        result.set("metadata", rich != null && rich.path("metadata").isObject() ? rich.get("metadata") : Json.object());
        return result;
    }

    private ObjectNode metadata(String started, String status) {
        return Json.toObject(new Replies.ExecuteReplyMetadata(started, engineId, status));
    }

    private static Engine.Failure failure(String ename, String evalue) {
        return new Engine.Failure(ename, evalue, List.of("\u001b[1;31m" + ename + "\u001b[0m: " + evalue));
    }
}
