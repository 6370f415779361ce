package io.callisto.kernel;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.callisto.wire.Json;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.util.Set;
import java.util.logging.Logger;

/**
 * Receives the executor's display records (see io.callisto.display.DisplayChannel) as JShell's reader
 * thread delivers them, in pieces of any size, and publishes each on IOPub under the running cell, after
 * the output printed before it. A rich execute_result is kept for the kernel to merge into the cell's result.
 */
final class DisplayPublisher extends OutputStream {
    private static final Logger LOG = Logger.getLogger(DisplayPublisher.class.getName());
    private static final Set<String> PUBLISHED = Set.of("display_data", "update_display_data", "clear_output");

    private final Outbound outbound;
    private final StreamPublisher streams;
    private final ByteArrayOutputStream pending = new ByteArrayOutputStream();
    private final java.util.function.Consumer<JsonNode> comms;
    private final java.util.function.Predicate<JsonNode> subshells;
    private ObjectNode richResult;
    private final java.util.List<ObjectNode> afterCell = new java.util.ArrayList<>();

    /**
     * @param comms takes the executor's comm records (io.callisto.commbridge.CommBridge#fromExecutor)
     * @param subshells takes first the records of subshells' cells (io.callisto.subshells.SubshellCells#fromExecutor)
     */
    DisplayPublisher(Outbound outbound, StreamPublisher streams, java.util.function.Consumer<JsonNode> comms,
            java.util.function.Predicate<JsonNode> subshells) {
        this.outbound = outbound;
        this.streams = streams;
        this.comms = comms;
        this.subshells = subshells;
    }

    @Override
    public synchronized void write(int b) {
        pending.write(b);
        drainRecords();
    }

    @Override
    public synchronized void write(byte[] bytes, int offset, int length) {
        pending.write(bytes, offset, length);
        drainRecords();
    }

    private void drainRecords() {
        byte[] buffered = pending.toByteArray();
        int position = 0;
        while (buffered.length - position >= 4) {
            int length = ByteBuffer.wrap(buffered, position, 4).getInt();
            if (buffered.length - position - 4 < length) {
                break;
            }
            handle(buffered, position + 4, length);
            position += 4 + length;
        }
        pending.reset();
        pending.write(buffered, position, buffered.length - position);
    }

    private void handle(byte[] bytes, int offset, int length) {
        JsonNode record;
        try {
            record = Json.MAPPER.readTree(bytes, offset, length);
        } catch (IOException e) {
            LOG.warning("dropped a display record that is not JSON: " + e.getMessage());
            return;
        }
        if (subshells.test(record)) {
            return;
        }
        String msgType = record.path("msg_type").asText();
        if (io.callisto.commbridge.CommBridge.EXECUTOR_RECORDS.contains(msgType)) {
            // After the cell's output printed before it, as a display is.
            streams.flush();
            comms.accept(record);
            return;
        }
        JsonNode content = record.path("content");
        if (!content.isObject()) {
            LOG.warning("dropped a display record without content");
            return;
        }
        if (msgType.equals("execute_result")) {
            richResult = (ObjectNode) content;
        } else if (msgType.equals("display_data") && record.path("after_cell").asBoolean(false)) {
            afterCell.add((ObjectNode) content);
        } else if (PUBLISHED.contains(msgType)) {
            streams.flush();
            if (!streams.muted()) {
                outbound.publish(msgType, streams.parent(), content);
            }
        } else {
            LOG.warning("dropped a display record of unknown type " + msgType);
        }
    }

    /** The display_data the cell asked to show after its result; forgets them. */
    synchronized java.util.List<ObjectNode> takeAfterCell() {
        java.util.List<ObjectNode> taken = java.util.List.copyOf(afterCell);
        afterCell.clear();
        return taken;
    }

    /** The rich form of the last snippet's value, if it had one; forgets it. */
    synchronized ObjectNode takeRichResult() {
        ObjectNode result = richResult;
        richResult = null;
        return result;
    }
}
