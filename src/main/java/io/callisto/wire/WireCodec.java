package io.callisto.wire;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Turns ZeroMQ multipart frames into {@link Message}s and back:
 * {@code [identities…] <IDS|MSG> signature header parent_header metadata content [buffers…]}.
 * Incoming messages are checked in jupyter_client's order: unsigned, replayed, then wrong signature.
 */
public final class WireCodec {
    public static final byte[] DELIMITER = "<IDS|MSG>".getBytes(StandardCharsets.US_ASCII);
    private static final List<String> REQUIRED_HEADER_FIELDS =
            List.of("msg_id", "msg_type", "session", "username", "date", "version");

    private final Signer signer;
    private final ReplayGuard replayGuard;

    public WireCodec(Signer signer) {
        this(signer, new ReplayGuard(1 << 16));
    }

    public WireCodec(Signer signer, ReplayGuard replayGuard) {
        this.signer = signer;
        this.replayGuard = replayGuard;
    }

    public Message decode(List<byte[]> frames) throws MalformedMessageException {
        int delimiter = indexOfDelimiter(frames);
        if (delimiter < 0) {
            throw new MalformedMessageException("no <IDS|MSG> delimiter among " + frames.size() + " frames");
        }
        if (frames.size() - delimiter - 1 < 5) {
            throw new MalformedMessageException("too few frames after the delimiter: " + (frames.size() - delimiter - 1));
        }
        byte[] signature = frames.get(delimiter + 1);
        List<byte[]> jsonFrames = frames.subList(delimiter + 2, delimiter + 6);
        if (signer.signs()) {
            if (signature.length == 0) {
                throw new MalformedMessageException("unsigned message");
            }
            if (!signer.verify(signature, jsonFrames)) {
                throw new MalformedMessageException("invalid signature");
            }
            if (!replayGuard.firstSighting(signature)) {
                throw new MalformedMessageException("duplicate signature (replayed message)");
            }
        }
        ObjectNode header = parseObject(jsonFrames.get(0), "header");
        for (String field : REQUIRED_HEADER_FIELDS) {
            if (!header.path(field).isTextual()) {
                throw new MalformedMessageException("header field '" + field + "' is missing or not a string");
            }
        }
        return new Message(
                List.copyOf(frames.subList(0, delimiter)),
                header,
                parseObject(jsonFrames.get(1), "parent_header"),
                parseObject(jsonFrames.get(2), "metadata"),
                parseObject(jsonFrames.get(3), "content"),
                List.copyOf(frames.subList(delimiter + 6, frames.size())));
    }

    public List<byte[]> encode(Message message) {
        List<byte[]> jsonFrames = List.of(
                bytes(message.header()),
                bytes(message.parentHeader()),
                bytes(message.metadata()),
                bytes(message.content()));
        List<byte[]> frames = new ArrayList<>(message.identities().size() + 6 + message.buffers().size());
        frames.addAll(message.identities());
        frames.add(DELIMITER);
        frames.add(signer.sign(jsonFrames));
        frames.addAll(jsonFrames);
        frames.addAll(message.buffers());
        return frames;
    }

    private static int indexOfDelimiter(List<byte[]> frames) {
        for (int i = 0; i < frames.size(); i++) {
            if (Arrays.equals(frames.get(i), DELIMITER)) {
                return i;
            }
        }
        return -1;
    }

    private static ObjectNode parseObject(byte[] frame, String what) throws MalformedMessageException {
        JsonNode node;
        try {
            node = Json.MAPPER.readTree(frame);
        } catch (IOException e) {
            throw new MalformedMessageException(what + " is not valid JSON");
        }
        if (node == null || !node.isObject()) {
            throw new MalformedMessageException(what + " is not a JSON object");
        }
        return (ObjectNode) node;
    }

    private static byte[] bytes(ObjectNode node) {
        try {
            return Json.MAPPER.writeValueAsBytes(node);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot serialize a JSON tree", e);
        }
    }
}
