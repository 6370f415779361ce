package io.callisto.wire;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class WireCodecTest {
    private final Signer signer = Signer.of("hmac-sha256", "key-for-tests");
    private final MessageFactory factory = new MessageFactory(Clock.fixed(Instant.parse("2026-11-24T04:23:54.293549Z"), ZoneOffset.UTC));

    private Message sample() {
        ObjectNode content = Json.object();
        content.put("code", "1 + 1");
        return factory.create("execute_request", null, List.of(bytes("client-a"), bytes("client-b")), null, content);
    }

    @Test
    void roundTripKeepsIdentitiesHeaderAndContent() throws Exception {
        WireCodec codec = new WireCodec(signer);
        Message message = sample();
        List<byte[]> frames = codec.encode(message);
        assertArrayEquals(bytes("client-a"), frames.get(0));
        assertArrayEquals(WireCodec.DELIMITER, frames.get(2));

        Message decoded = new WireCodec(signer).decode(frames);
        assertEquals(2, decoded.identities().size());
        assertArrayEquals(bytes("client-b"), decoded.identities().get(1));
        assertEquals("execute_request", decoded.msgType());
        assertEquals("1 + 1", decoded.content().path("code").asText());
        assertEquals(message.msgId(), decoded.msgId());
    }

    @Test
    void headersCarryVersionSessionAndSixDigitUtcDates() {
        ObjectNode header = sample().header();
        assertEquals("2026-11-24T04:23:54.293549Z", header.path("date").asText());
        assertEquals(MessageFactory.PROTOCOL_VERSION, header.path("version").asText());
        assertEquals(factory.session(), header.path("session").asText());
        assertTrue(header.path("date").asText().matches("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d\\.\\d{6}Z"));
    }

    @Test
    void replyParentIsACopyOfTheRequestHeader() {
        Message request = sample();
        Message reply = factory.create("execute_reply", request, request.identities(), null, Json.object());
        assertEquals(request.header(), reply.parentHeader());
    }

    @Test
    void dropsABadSignature() {
        List<byte[]> frames = new ArrayList<>(new WireCodec(signer).encode(sample()));
        frames.set(3, new WireCodec(Signer.of("hmac-sha256", "another-key")).encode(sample()).get(3));
        assertEquals("invalid signature", reason(frames));
    }

    @Test
    void dropsAMissingSignature() {
        List<byte[]> frames = new ArrayList<>(new WireCodec(signer).encode(sample()));
        frames.set(3, new byte[0]);
        assertEquals("unsigned message", reason(frames));
    }

    @Test
    void dropsARepeatedMessage() throws Exception {
        WireCodec receiver = new WireCodec(signer);
        List<byte[]> frames = new WireCodec(signer).encode(sample());
        receiver.decode(frames);
        MalformedMessageException replay = assertThrows(MalformedMessageException.class, () -> receiver.decode(frames));
        assertTrue(replay.getMessage().startsWith("duplicate signature"));
    }

    @Test
    void dropsTooFewFramesNoDelimiterBadJsonAndMissingHeaderFields() {
        List<byte[]> frames = new WireCodec(signer).encode(sample());
        assertTrue(reason(frames.subList(0, 6)).startsWith("too few frames"));
        assertTrue(reason(List.of(bytes("x"), bytes("y"))).startsWith("no <IDS|MSG> delimiter"));

        WireCodec unsigned = new WireCodec(Signer.of("hmac-sha256", ""));
        List<byte[]> badJson = new ArrayList<>(unsigned.encode(sample()));
        badJson.set(7, bytes("{not json"));
        assertEquals("content is not valid JSON", reason(unsigned, badJson));

        List<byte[]> array = new ArrayList<>(unsigned.encode(sample()));
        array.set(6, bytes("[]"));
        assertEquals("metadata is not a JSON object", reason(unsigned, array));

        Message noType = sample();
        noType.header().remove("msg_type");
        assertEquals("header field 'msg_type' is missing or not a string", reason(unsigned, unsigned.encode(noType)));
    }

    @Test
    void unsignedKernelsAcceptUnsignedMessages() throws Exception {
        WireCodec unsigned = new WireCodec(Signer.of("hmac-sha256", ""));
        List<byte[]> frames = unsigned.encode(sample());
        assertEquals(0, frames.get(3).length);
        assertEquals("execute_request", unsigned.decode(frames).msgType());
        assertEquals("execute_request", unsigned.decode(frames).msgType(), "no replay check without a key");
    }

    @Test
    void replayGuardForgetsTheOldestWhenFull() {
        ReplayGuard guard = new ReplayGuard(100);
        for (int i = 0; i < 101; i++) {
            assertTrue(guard.firstSighting(bytes("sig-" + i)));
        }
        assertTrue(guard.size() <= 100);
        assertTrue(guard.firstSighting(bytes("sig-0")), "the oldest was forgotten");
        assertEquals(false, guard.firstSighting(bytes("sig-100")));
    }

    private String reason(List<byte[]> frames) {
        return reason(new WireCodec(signer), frames);
    }

    private static String reason(WireCodec codec, List<byte[]> frames) {
        return assertThrows(MalformedMessageException.class, () -> codec.decode(frames)).getMessage();
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
