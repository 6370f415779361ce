package io.callisto.widgets;

import io.callisto.comm.CommTransport;
import io.callisto.comm.CommWire;
import io.callisto.comm.Comms;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * Records the comm messages widgets send, in place of the kernel, and feeds frontend messages. The widget tests' one
 * set-up: {@code @RegisterExtension final Recorder recorder = new Recorder();} installs it around each test.
 */
final class Recorder implements CommTransport, BeforeEachCallback, AfterEachCallback {
    record Sent(String msgType, Map<String, Object> content, Map<String, Object> metadata, List<byte[]> buffers) {
        String commId() {
            return (String) content.get("comm_id");
        }

        @SuppressWarnings("unchecked")
        Map<String, Object> data() {
            return (Map<String, Object>) content.get("data");
        }

        @SuppressWarnings("unchecked")
        Map<String, Object> state() {
            return (Map<String, Object>) data().get("state");
        }
    }

    final List<Sent> sent = new ArrayList<>();

    /** Takes the kernel's place for the comms before each test. */
    @Override
    public void beforeEach(ExtensionContext context) {
        Comms.useTransport(this);
    }

    /** Gives the comms back to no transport after each test. */
    @Override
    public void afterEach(ExtensionContext context) {
        Comms.useTransport(null);
    }

    @Override
    public synchronized void send(String msgType, Map<String, Object> content, Map<String, Object> metadata, List<byte[]> buffers) {
        sent.add(new Sent(msgType, content, metadata, buffers));
    }

    synchronized List<Sent> all() {
        return List.copyOf(sent);
    }

    synchronized void clear() {
        sent.clear();
    }

    /** The comm_open of a comm. */
    Sent openOf(String commId) {
        return all().stream().filter(s -> s.msgType().equals("comm_open") && s.commId().equals(commId)).findFirst()
                .orElseThrow(() -> new AssertionError("no comm_open of " + commId + " in " + sent));
    }

    /** The comm_msgs on a comm, in order. */
    List<Sent> messagesOn(String commId) {
        return all().stream().filter(s -> s.msgType().equals("comm_msg") && s.commId().equals(commId)).toList();
    }

    /** Feeds a frontend comm_msg with this data, as parent message {@code msgId}. */
    static void frontend(String commId, Map<String, Object> data, String msgId) {
        frontend(commId, data, List.of(), msgId);
    }

    static void frontend(String commId, Map<String, Object> data, List<byte[]> buffers, String msgId) {
        Comms.dispatch(new CommWire.Record("comm_msg", Map.of("comm_id", commId, "data", data), Map.of(), buffers, msgId));
    }
}
