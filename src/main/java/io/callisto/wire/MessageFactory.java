package io.callisto.wire;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Clock;
import java.util.List;
import java.util.UUID;

/**
 * Builds the kernel's outgoing messages: a fresh msg_id, this process's session id, protocol version and a
 * six-digit UTC date in every header.
 */
public final class MessageFactory {
    public static final String PROTOCOL_VERSION = "5.5";

    private final String session = UUID.randomUUID().toString();
    private final Clock clock;

    public MessageFactory(Clock clock) {
        this.clock = clock;
    }

    public String session() {
        return session;
    }

    public ObjectNode header(String msgType) {
        ObjectNode header = Json.object();
        header.put("msg_id", UUID.randomUUID().toString());
        header.put("msg_type", msgType);
        header.put("session", session);
        header.put("username", "callisto");
        header.put("date", Timestamps.now(clock));
        header.put("version", PROTOCOL_VERSION);
        return header;
    }

    /** A reply or IOPub message whose parent is {@code parent} (null for none), routed to {@code identities}. */
    public Message create(String msgType, Message parent, List<byte[]> identities, ObjectNode metadata, ObjectNode content) {
        return new Message(
                identities,
                header(msgType),
                parent == null ? Json.object() : parent.header().deepCopy(),
                metadata == null ? Json.object() : metadata,
                content,
                List.of());
    }
}
