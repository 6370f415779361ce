package io.callisto.display;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Carries display messages from the executor to the kernel, on JShell's multiplexed stream behind the
 * cell's printed output (which is sent first, so the order in the notebook is the order of the code).
 * Each record: a 4-byte length, then JSON {@code {"msg_type": …, "content": {…}}}, with {@code "parent": msg_id}
 * from a thread that has an {@link OutputParent}; the kernel publishes it on IOPub under the running cell, or
 * under that parent when it is a subshell's request.
 */
public final class DisplayChannel {
    /** The multiplexed stream's name. */
    public static final String STREAM = "callisto-display";

    private static final ObjectMapper JSON = new ObjectMapper();
    private static DataOutputStream out;
    private static Runnable sendPrintedOutput = () -> { };

    private DisplayChannel() {
    }

    /** Called once by the executor's main, with the stream to the kernel. */
    public static synchronized void connect(OutputStream stream, Runnable flushPrintedOutput) {
        out = new DataOutputStream(stream);
        sendPrintedOutput = flushPrintedOutput;
    }

    /**
     * Sends one display message for the running cell.
     *
     * @param msgType display_data, update_display_data, clear_output, or execute_result (a value's rich form)
     * @param content the message content, as the messaging spec defines it for that type
     * @throws IllegalStateException outside a Callisto executor
     */
    public static void send(String msgType, Map<String, Object> content) {
        Map<String, Object> record = new LinkedHashMap<>();
        record.put("msg_type", msgType);
        record.put("content", content);
        putParent(record);
        sendRecord(record);
    }

    /** Names the message this thread's output answers ({@link OutputParent}), if it has one. */
    private static void putParent(Map<String, Object> record) {
        String parent = OutputParent.get();
        if (parent != null) {
            record.put("parent", parent);
        }
    }

    /**
     * Sends a display_data that the kernel shows at the end of the running cell's output, after its result
     * (the widgets' area for what their listeners print goes there).
     *
     * @param content display_data content: data, metadata, transient
     */
    public static void sendAfterCell(Map<String, Object> content) {
        Map<String, Object> record = new LinkedHashMap<>();
        record.put("msg_type", "display_data");
        record.put("content", content);
        record.put("after_cell", true);
        putParent(record);
        sendRecord(record);
    }

    /**
     * Sends one record as it is: a display message, or a comm record (io.callisto.comm.CommWire's JSON form).
     *
     * @throws IllegalArgumentException when the record cannot be written as JSON
     * @throws IllegalStateException outside a Callisto executor
     */
    public static void sendRecord(Map<String, Object> record) {
        byte[] bytes;
        try {
            bytes = JSON.writeValueAsBytes(record);
        } catch (IOException e) {
            throw new IllegalArgumentException("a display value cannot be written as JSON: " + e.getMessage(), e);
        }
        synchronized (DisplayChannel.class) {
            if (out == null) {
                throw new IllegalStateException("display is only available in a Callisto notebook");
            }
            sendPrintedOutput.run();
            try {
                // One write, so the record crosses as few packets as its size allows.
                byte[] frame = java.nio.ByteBuffer.allocate(4 + bytes.length).putInt(bytes.length).put(bytes).array();
                out.write(frame);
                out.flush();
            } catch (IOException e) {
                throw new UncheckedIOException("the kernel is gone", e);
            }
        }
    }
}
