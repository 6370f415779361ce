package io.callisto.comm;

import java.util.List;
import java.util.Map;

/**
 * One comm message from the frontend, as a handler sees it: the content's {@code data}, the message's
 * {@code metadata}, its binary buffers, and the msg_id of its header (what output printed by the handler is
 * parented to, and what an ipywidgets Output widget captures by).
 *
 * @param data the content's {@code data} dict (JSON values: maps, lists, strings, numbers, booleans, null)
 * @param metadata the message's metadata dict
 * @param buffers the binary buffers that followed the message, in order
 * @param msgId the msg_id of the frontend message, or null for a message made in this JVM
 */
public record CommMessage(Map<String, Object> data, Map<String, Object> metadata, List<byte[]> buffers, String msgId) {
    public CommMessage {
        data = data == null ? Map.of() : data;
        metadata = metadata == null ? Map.of() : metadata;
        buffers = buffers == null ? List.of() : List.copyOf(buffers);
    }
}
