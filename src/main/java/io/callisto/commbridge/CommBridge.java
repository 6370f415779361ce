package io.callisto.commbridge;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.callisto.comm.CommWire;
import io.callisto.engine.Engine;
import io.callisto.wire.Json;
import io.callisto.wire.Message;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Supplier;
import java.util.logging.Logger;

/**
 * Both directions of the comm protocol between the frontend and the executor JVM. A frontend message goes to
 * the executor's comm thread, and {@link #fromFrontend} returns once the executor reports it handled, after the
 * handler's output, so the caller's idle comes last. The executor's records (its comm messages, a handler's
 * output, the handled notices) arrive on JShell's reader thread through {@link #fromExecutor}. The bridge keeps
 * the comm_ids open on either side, for {@code comm_info_request}, and closes them towards the frontend when
 * the executor that held them is gone.
 */
public final class CommBridge {
    private static final Logger LOG = Logger.getLogger(CommBridge.class.getName());
    /** The executor's record types this bridge takes. */
    public static final Set<String> EXECUTOR_RECORDS = Set.of("comm_open", "comm_msg", "comm_close", "stream", "comm_handled");
    private static final Set<String> FRONTEND_TYPES = Set.of("comm_open", "comm_msg", "comm_close");
    private static final long LIVENESS_CHECK_MS = 200;
    private static final int REMEMBERED_PARENTS = 256;

    /** Publishes on IOPub. */
    @FunctionalInterface
    public interface Iopub {
        /**
         * @param parent the message this one answers, or null
         * @param metadata the message's metadata (ipywidgets' version), never null
         * @param buffers binary buffers, never null
         */
        void publish(String msgType, Message parent, ObjectNode content, ObjectNode metadata, List<byte[]> buffers);
    }

    private final Iopub iopub;
    private final Supplier<Message> cellParent;
    private final Supplier<Engine> engine;
    /** comm_id → target_name of every comm open on either side. */
    private final Map<String, String> open = new ConcurrentHashMap<>();
    /** The frontend's recent comm messages by msg_id: what a handler's records (and late output) are parented to. */
    private final Map<String, Message> parents = Collections.synchronizedMap(new LinkedHashMap<>(64, 0.75f, false) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Message> eldest) {
            return size() > REMEMBERED_PARENTS;
        }
    });
    private final Map<String, CompletableFuture<Void>> handling = new ConcurrentHashMap<>();
    /** The executor the open comms live in, or -1 before one is known. */
    private volatile long executor = -1;

    /**
     * @param iopub where messages to the frontend go
     * @param cellParent the request of the running (or last) cell: the parent of comm messages cells make
     * @param engine the engine, waited for while it starts
     */
    public CommBridge(Iopub iopub, Supplier<Message> cellParent, Supplier<Engine> engine) {
        this.iopub = iopub;
        this.cellParent = cellParent;
        this.engine = engine;
    }

    /**
     * Hands a frontend comm_open, comm_msg or comm_close to the executor and waits until its handler has run
     * (however long that takes; there is no time limit, as in ipykernel) or the executor is gone. Content of the
     * wrong shape is logged and dropped; a comm_open no executor can take is closed at once.
     */
    public void fromFrontend(Message message) {
        String type = message.msgType();
        JsonNode commId = message.content().path("comm_id");
        if (!FRONTEND_TYPES.contains(type) || !commId.isTextual()) {
            LOG.warning("dropped a " + type + " without a comm_id");
            return;
        }
        JsonNode data = message.content().get("data");
        if (data != null && !data.isNull() && !data.isObject()) {
            LOG.warning("dropped a " + type + " whose data is not a JSON object");
            return;
        }
        if (type.equals("comm_open") && !message.content().path("target_name").isTextual()) {
            LOG.warning("dropped a comm_open without a target_name");
            return;
        }
        Engine cells = engine.get();
        executorMaybeReplaced();
        String id = commId.asText();
        switch (type) {
            case "comm_open" -> open.put(id, message.content().path("target_name").asText(""));
            case "comm_close" -> open.remove(id);
            default -> { }
        }
        String msgId = message.header().path("msg_id").asText("");
        parents.put(msgId, message);
        CompletableFuture<Void> handled = new CompletableFuture<>();
        handling.put(msgId, handled);
        long sentTo;
        try {
            sentTo = cells.forwardComm(CommWire.encode(new CommWire.Record(type, toMap(message.content()),
                    toMap(message.metadata()), message.buffers(), msgId)));
        } catch (IllegalArgumentException e) {
            LOG.warning("dropped a " + type + " whose content cannot be forwarded: " + e.getMessage());
            sentTo = -1;
        }
        if (sentTo < 0) {
            handling.remove(msgId);
            if (type.equals("comm_open") && open.remove(id) != null) {
                publishClose(id, message);
            }
            return;
        }
        if (executor == -1) {
            executor = sentTo;
        }
        awaitHandled(handled, cells, sentTo);
        handling.remove(msgId);
        if (cells.executorId() != sentTo) {
            executorEndedIn(message);
        }
    }

    /**
     * The executor ended while it handled {@code message} (System.exit in a listener, a crash): the user is
     * told under that message, and every comm, whose object died with it, is closed towards the frontend.
     */
    private void executorEndedIn(Message message) {
        ObjectNode notice = Json.object();
        notice.put("name", "stderr");
        notice.put("text", "Callisto: the JVM running cells ended while it handled this " + message.msgType()
                + " (System.exit in a listener, or a crash), so its widgets and comms are closed. The next cell"
                + " starts a fresh JVM with the notebook's definitions.\n");
        iopub.publish("stream", message, notice, Json.object(), List.of());
        for (String id : List.copyOf(open.keySet())) {
            if (open.remove(id) != null) {
                publishClose(id, message);
            }
        }
        executor = -1;
    }

    private void awaitHandled(CompletableFuture<Void> handled, Engine cells, long sentTo) {
        while (true) {
            try {
                handled.get(LIVENESS_CHECK_MS, TimeUnit.MILLISECONDS);
                return;
            } catch (TimeoutException e) {
                if (cells.executorId() != sentTo) {
                    return;  // the executor ended (System.exit, a crash) with the handler running
                }
            } catch (ExecutionException e) {
                return;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    /**
     * The comm_info_reply content: every open comm, or those of one target.
     *
     * @param targetName the target to list, or null for all
     */
    public ObjectNode commInfo(String targetName) {
        executorMaybeReplaced();
        ObjectNode reply = Json.object();
        reply.put("status", "ok");
        ObjectNode comms = reply.putObject("comms");
        open.forEach((id, target) -> {
            if (targetName == null || targetName.equals(target)) {
                comms.putObject(id).put("target_name", target);
            }
        });
        return reply;
    }

    /**
     * Takes one record from the executor (JShell's reader thread) and publishes what it says.
     *
     * @param record a comm record in io.callisto.comm.CommWire's JSON form, of a type in {@link #EXECUTOR_RECORDS}
     */
    public void fromExecutor(JsonNode record) {
        String type = record.path("msg_type").asText();
        String parentId = record.path("parent").isTextual() ? record.path("parent").asText() : null;
        if (type.equals("comm_handled")) {
            CompletableFuture<Void> handled = parentId == null ? null : handling.get(parentId);
            if (handled != null) {
                handled.complete(null);
            }
            return;
        }
        Message parent = parentId == null ? null : parents.get(parentId);
        if (parent == null) {
            parent = cellParent.get();
        }
        CommWire.Record decoded;
        try {
            decoded = CommWire.fromJson(Json.MAPPER.convertValue(record, new TypeReference<Map<String, Object>>() { }));
        } catch (IllegalArgumentException e) {
            LOG.warning("dropped a comm record from the executor: " + e.getMessage());
            return;
        }
        ObjectNode content = Json.toObject(decoded.content());
        String commId = content.path("comm_id").asText(null);
        switch (type) {
            case "comm_open" -> {
                if (commId != null) {
                    open.put(commId, content.path("target_name").asText(""));
                }
            }
            case "comm_close" -> {
                if (commId != null) {
                    open.remove(commId);
                }
            }
            default -> { }
        }
        iopub.publish(type, parent, content, Json.toObject(decoded.metadata()), decoded.buffers());
    }

    /**
     * The executor running cells has changed since the open comms were made (System.exit, a crash): their
     * objects are gone, so the frontend is told each comm is closed. Called after every cell, and before comm
     * traffic.
     */
    public void executorMaybeReplaced() {
        long now;
        try {
            now = engine.get().executorId();
        } catch (RuntimeException e) {
            return;
        }
        long before = executor;
        if (before == -1) {
            executor = now;
            return;
        }
        if (now != before && now != -1) {
            executor = now;
            Message parent = cellParent.get();
            for (String id : List.copyOf(open.keySet())) {
                if (open.remove(id) != null) {
                    publishClose(id, parent);
                }
            }
        }
    }

    private void publishClose(String commId, Message parent) {
        ObjectNode content = Json.object();
        content.put("comm_id", commId);
        content.putObject("data");
        iopub.publish("comm_close", parent, content, Json.object(), List.of());
    }

    private static Map<String, Object> toMap(JsonNode node) {
        if (node == null || !node.isObject()) {
            return Map.of();
        }
        return Json.MAPPER.convertValue(node, new TypeReference<Map<String, Object>>() { });
    }
}
