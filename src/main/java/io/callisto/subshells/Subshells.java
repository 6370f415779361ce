package io.callisto.subshells;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.callisto.wire.Json;
import io.callisto.wire.Message;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.function.Consumer;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The live subshells, each a queue and a thread: work submitted to one subshell runs in order, concurrently
 * with the parent shell's and the other subshells'. Deleting a subshell ends its thread once the work already
 * queued on it has run (so every request that reached it is answered). Thread-safe.
 */
public final class Subshells {
    private static final Logger LOG = Logger.getLogger(Subshells.class.getName());
    private static final Runnable END = () -> { };

    private final Map<String, BlockingQueue<Runnable>> live = new LinkedHashMap<>();
    private final Consumer<String> ended;

    /** @param ended told the id of each deleted subshell, on its thread, once its last work has run */
    public Subshells(Consumer<String> ended) {
        this.ended = ended;
    }

    /**
     * The subshell a message is for: its header's {@code subshell_id}, or null for the parent shell (missing,
     * or JSON null). Any other value that is not a string is returned as its JSON text, which names no subshell.
     */
    public static String idOf(Message message) {
        JsonNode id = message.header() == null ? null : message.header().get("subshell_id");
        if (id == null || id.isNull()) {
            return null;
        }
        return id.isTextual() ? id.asText() : id.toString();
    }

    /** create_subshell_reply's content, for a new subshell whose thread is already waiting for work. */
    public ObjectNode create() {
        String id = UUID.randomUUID().toString();
        BlockingQueue<Runnable> queue = new LinkedBlockingQueue<>();
        synchronized (live) {
            live.put(id, queue);
        }
        Thread thread = new Thread(() -> serve(id, queue), "callisto-subshell-" + id.substring(0, 8));
        thread.setDaemon(true);
        thread.start();
        ObjectNode reply = Json.object();
        reply.put("status", "ok");
        reply.put("subshell_id", id);
        return reply;
    }

    /** list_subshell_reply's content: the live subshells in the order they were made (the parent is not one). */
    public ObjectNode list() {
        ObjectNode reply = Json.object();
        reply.put("status", "ok");
        var ids = reply.putArray("subshell_id");
        ids().forEach(ids::add);
        return reply;
    }

    /** The ids of the live subshells. */
    public List<String> ids() {
        synchronized (live) {
            return new ArrayList<>(live.keySet());
        }
    }

    /** delete_subshell_reply's content: ok, or an error naming an id that is not a live subshell. */
    public ObjectNode delete(JsonNode content) {
        JsonNode id = content == null ? null : content.get("subshell_id");
        BlockingQueue<Runnable> queue = null;
        if (id != null && id.isTextual()) {
            synchronized (live) {
                queue = live.remove(id.asText());
            }
        }
        if (queue == null) {
            return unknown(id == null ? "null" : id.isTextual() ? id.asText() : id.toString());
        }
        queue.add(END);
        ObjectNode reply = Json.object();
        reply.put("status", "ok");
        return reply;
    }

    /**
     * Queues work on a subshell.
     *
     * @return false when no live subshell has this id (the work is not run)
     */
    public boolean submit(String id, Runnable work) {
        synchronized (live) {
            BlockingQueue<Runnable> queue = live.get(id);
            if (queue == null) {
                return false;
            }
            queue.add(work);
            return true;
        }
    }

    /** An error reply's content for a subshell_id that names no live subshell (ipykernel's ename). */
    public static ObjectNode unknown(String id) {
        ObjectNode reply = Json.object();
        reply.put("status", "error");
        reply.put("ename", "UnknownSubshellError");
        reply.put("evalue", "no subshell has the id " + id);
        reply.putArray("traceback");
        return reply;
    }

    private void serve(String id, BlockingQueue<Runnable> queue) {
        while (true) {
            Runnable work;
            try {
                work = queue.take();
            } catch (InterruptedException e) {
                return;
            }
            if (work == END) {
                ended.accept(id);
                return;
            }
            try {
                work.run();
            } catch (RuntimeException | Error e) {
                LOG.log(Level.SEVERE, "a subshell's request failed outside its handler", e);
            }
        }
    }
}
