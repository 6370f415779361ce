package io.callisto.comm;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * One comm: a channel between an object in this JVM and one in the frontend, as the messaging spec's
 * "Custom Messages" section defines it. Made here with {@link #open}, or by the frontend for a target
 * registered with {@link Comms#registerTarget}. Thread-safe; messages keep the order they were sent in.
 */
public final class Comm {
    private final String id;
    private final String targetName;
    private volatile CommHandler onMessage;
    private volatile CommHandler onClose;
    private volatile boolean open = true;

    Comm(String id, String targetName) {
        this.id = id;
        this.targetName = targetName;
    }

    /**
     * Opens a comm to the frontend's handler for {@code targetName} (a {@code comm_open} on IOPub).
     *
     * @param data the comm_open's data dict (JSON values)
     * @return the comm, open at once; a frontend without the target answers with a close ({@link #onClose})
     */
    public static Comm open(String targetName, Map<String, ?> data) {
        return open(targetName, data, Map.of(), List.of());
    }

    /**
     * Opens a comm with metadata (ipywidgets puts its protocol version there) and binary buffers.
     *
     * @throws IllegalArgumentException when the data cannot be written as JSON
     */
    public static Comm open(String targetName, Map<String, ?> data, Map<String, ?> metadata, List<byte[]> buffers) {
        Comm comm = new Comm(UUID.randomUUID().toString().replace("-", ""), targetName);
        // Known before the frontend can answer, so its first message finds the comm.
        Comms.opened(comm);
        Map<String, Object> content = new LinkedHashMap<>();
        content.put("comm_id", comm.id);
        content.put("target_name", targetName);
        content.put("data", data == null ? Map.of() : data);
        Comms.transport().send("comm_open", content, copy(metadata), buffers == null ? List.of() : buffers);
        return comm;
    }

    /** The comm_id, shared with the frontend. */
    public String id() {
        return id;
    }

    public String targetName() {
        return targetName;
    }

    /** False once either side has closed the comm. */
    public boolean isOpen() {
        return open;
    }

    /** Sends a {@code comm_msg} with this data dict. */
    public void send(Map<String, ?> data) {
        send(data, Map.of(), List.of());
    }

    /**
     * Sends a {@code comm_msg} with metadata and binary buffers.
     *
     * @throws IllegalStateException when the comm is closed
     */
    public void send(Map<String, ?> data, Map<String, ?> metadata, List<byte[]> buffers) {
        if (!open) {
            throw new IllegalStateException("comm " + id + " (" + targetName + ") is closed");
        }
        Map<String, Object> content = new LinkedHashMap<>();
        content.put("comm_id", id);
        content.put("data", data == null ? Map.of() : data);
        Comms.transport().send("comm_msg", content, copy(metadata), buffers == null ? List.of() : buffers);
    }

    /** Sets the handler of the frontend's messages on this comm (one; a later call replaces it). */
    public Comm onMessage(CommHandler handler) {
        this.onMessage = handler;
        return this;
    }

    /** Sets what runs when the frontend closes this comm (not when this side does). */
    public Comm onClose(CommHandler handler) {
        this.onClose = handler;
        return this;
    }

    /** Closes the comm (a {@code comm_close} with no data); closing twice does nothing. */
    public void close() {
        close(Map.of());
    }

    /** Closes the comm with a data dict for the frontend. */
    public void close(Map<String, ?> data) {
        synchronized (this) {
            if (!open) {
                return;
            }
            open = false;
        }
        Comms.closed(this);
        Map<String, Object> content = new LinkedHashMap<>();
        content.put("comm_id", id);
        content.put("data", data == null ? Map.of() : data);
        Comms.transport().send("comm_close", content, Map.of(), List.of());
    }

    void received(CommMessage message) throws Exception {
        CommHandler handler = onMessage;
        if (handler != null) {
            handler.handle(message);
        }
    }

    void closedByFrontend(CommMessage message) throws Exception {
        open = false;
        CommHandler handler = onClose;
        if (handler != null) {
            handler.handle(message);
        }
    }

    private static Map<String, Object> copy(Map<String, ?> map) {
        return map == null ? Map.of() : new LinkedHashMap<>(map);
    }

    @Override
    public String toString() {
        return "Comm[" + targetName + " " + id + (open ? "" : ", closed") + "]";
    }
}
