package io.callisto.comm;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * How one comm record crosses between the two JVMs, in both: a 4-byte big-endian length, then JSON
 * {@code {"msg_type", "content", "metadata", "buffers": [base64…], "parent"}}. From the kernel they come on
 * the executor's comm socket; from the executor on JShell's multiplexed display stream, behind the cell's
 * printed output. {@code parent} names the frontend message a record answers (its msg_id), or is absent.
 */
public final class CommWire {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int MAX_RECORD_BYTES = 512 * 1024 * 1024;

    private CommWire() {
    }

    /**
     * One record.
     *
     * @param msgType comm_open, comm_msg or comm_close; from the executor also {@code stream} (a handler's output)
     *                and {@code comm_handled} (the handler of {@code parent} has returned)
     * @param content the message content as the messaging spec defines it
     * @param metadata the message metadata
     * @param buffers binary buffers
     * @param parent msg_id of the frontend message this record belongs to, or null
     */
    public record Record(String msgType, Map<String, Object> content, Map<String, Object> metadata, List<byte[]> buffers,
            String parent) {
        public Record {
            content = content == null ? Map.of() : content;
            metadata = metadata == null ? Map.of() : metadata;
            buffers = buffers == null ? List.of() : buffers;
        }
    }

    /** The record as the JSON object both sides exchange (buffers in base64), without the length prefix. */
    public static Map<String, Object> toJson(Record record) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("msg_type", record.msgType());
        json.put("content", record.content());
        json.put("metadata", record.metadata());
        if (!record.buffers().isEmpty()) {
            json.put("buffers", record.buffers().stream().map(b -> Base64.getEncoder().encodeToString(b)).toList());
        }
        if (record.parent() != null) {
            json.put("parent", record.parent());
        }
        return json;
    }

    /**
     * The record from its JSON object.
     *
     * @throws IllegalArgumentException when a field has the wrong type or a buffer is not base64
     */
    public static Record fromJson(Map<String, Object> json) {
        Object buffers = json.get("buffers");
        List<byte[]> decoded = new ArrayList<>();
        if (buffers instanceof List<?> list) {
            for (Object buffer : list) {
                decoded.add(Base64.getDecoder().decode(String.valueOf(buffer)));
            }
        }
        return new Record(String.valueOf(json.get("msg_type")), map(json.get("content")), map(json.get("metadata")),
                decoded, json.get("parent") instanceof String parent ? parent : null);
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> map(Object value) {
        if (value == null) {
            return Map.of();
        }
        if (value instanceof Map<?, ?> map) {
            return (Map<String, Object>) map;
        }
        throw new IllegalArgumentException("a comm record's content and metadata must be JSON objects");
    }

    /** The framed bytes: length, then the JSON. */
    public static byte[] encode(Record record) {
        byte[] json;
        try {
            json = JSON.writeValueAsBytes(toJson(record));
        } catch (IOException e) {
            throw new IllegalArgumentException("a comm message's data cannot be written as JSON: " + e.getMessage(), e);
        }
        return ByteBuffer.allocate(4 + json.length).putInt(json.length).put(json).array();
    }

    /**
     * Reads one framed record.
     *
     * @return the record, or null at the end of the stream
     * @throws IOException when the stream breaks or holds a record that is not one
     */
    public static Record read(DataInputStream in) throws IOException {
        int length;
        try {
            length = in.readInt();
        } catch (EOFException e) {
            return null;
        }
        if (length < 0 || length > MAX_RECORD_BYTES) {
            throw new IOException("a comm record of " + length + " bytes");
        }
        byte[] json = new byte[length];
        in.readFully(json);
        try {
            return fromJson(JSON.readValue(json, new TypeReference<Map<String, Object>>() { }));
        } catch (IllegalArgumentException e) {
            throw new IOException(e.getMessage(), e);
        }
    }
}
