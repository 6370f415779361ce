package io.callisto.wire;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;

/**
 * One Jupyter message as it travels: routing identities, the four JSON dicts and binary buffers.
 * The header is kept as received JSON so that a reply's parent_header is an exact copy of it.
 * See https://jupyter-client.readthedocs.io/en/latest/messaging.html#the-wire-protocol
 */
public record Message(
        List<byte[]> identities,
        ObjectNode header,
        ObjectNode parentHeader,
        ObjectNode metadata,
        ObjectNode content,
        List<byte[]> buffers) {

    public String msgType() {
        return header.path("msg_type").asText();
    }

    public String msgId() {
        return header.path("msg_id").asText();
    }

    public String session() {
        return header.path("session").asText();
    }
}
