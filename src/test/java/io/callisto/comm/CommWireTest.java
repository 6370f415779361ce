package io.callisto.comm;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The framing both JVMs use for comm records: length-prefixed JSON, buffers in base64. */
class CommWireTest {

    private static DataInputStream stream(byte[]... frames) {
        ByteArrayOutputStream all = new ByteArrayOutputStream();
        for (byte[] frame : frames) {
            all.writeBytes(frame);
        }
        return new DataInputStream(new ByteArrayInputStream(all.toByteArray()));
    }

    private static byte[] framed(String json) {
        byte[] bytes = json.getBytes(StandardCharsets.UTF_8);
        return ByteBuffer.allocate(4 + bytes.length).putInt(bytes.length).put(bytes).array();
    }

    @Test
    void aRecordWithBuffersSurvivesEncodeAndRead() throws IOException {
        byte[] binary = new byte[256];
        for (int i = 0; i < binary.length; i++) {
            binary[i] = (byte) i;
        }
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("text", "héllo ✓");
        data.put("list", List.of(1, 2.5, true));
        data.put("nothing", null);
        Map<String, Object> content = Map.of("comm_id", "abc", "data", data);
        CommWire.Record sent = new CommWire.Record("comm_msg", content, Map.of("version", "2.1.0"),
                List.of(binary, new byte[0], "xyz".getBytes(StandardCharsets.UTF_8)), "msg-1");

        CommWire.Record read = CommWire.read(stream(CommWire.encode(sent)));

        assertEquals("comm_msg", read.msgType());
        assertEquals(content, read.content());
        assertEquals(Map.of("version", "2.1.0"), read.metadata());
        assertEquals("msg-1", read.parent());
        assertEquals(3, read.buffers().size());
        assertArrayEquals(binary, read.buffers().get(0));
        assertArrayEquals(new byte[0], read.buffers().get(1));
        assertArrayEquals("xyz".getBytes(StandardCharsets.UTF_8), read.buffers().get(2));
    }

    @Test
    void aRecordWithoutBuffersOrParentReadsBackEmptyAndNull() throws IOException {
        CommWire.Record read = CommWire.read(stream(CommWire.encode(
                new CommWire.Record("comm_close", Map.of("comm_id", "x"), null, null, null))));
        assertEquals("comm_close", read.msgType());
        assertEquals(Map.of("comm_id", "x"), read.content());
        assertEquals(Map.of(), read.metadata());
        assertEquals(List.of(), read.buffers());
        assertNull(read.parent());
        Map<String, Object> json = CommWire.toJson(read);
        assertTrue(!json.containsKey("buffers") && !json.containsKey("parent"), json.toString());
    }

    @Test
    void recordsFollowOneAnotherAndTheStreamsEndGivesNull() throws IOException {
        DataInputStream in = stream(
                CommWire.encode(new CommWire.Record("comm_open", Map.of("comm_id", "1"), Map.of(), List.of(), "a")),
                CommWire.encode(new CommWire.Record("comm_msg", Map.of("comm_id", "1"), Map.of(),
                        List.of(new byte[] {1, 2}), "b")),
                CommWire.encode(new CommWire.Record("comm_close", Map.of("comm_id", "1"), Map.of(), List.of(), "c")));
        assertEquals("a", CommWire.read(in).parent());
        CommWire.Record second = CommWire.read(in);
        assertEquals("b", second.parent());
        assertArrayEquals(new byte[] {1, 2}, second.buffers().get(0));
        assertEquals("c", CommWire.read(in).parent());
        assertNull(CommWire.read(in));
        assertNull(CommWire.read(in), "the end stays the end");
    }

    @Test
    void anEmptyStreamIsTheEnd() throws IOException {
        assertNull(CommWire.read(stream()));
    }

    @Test
    void aStreamEndingInsideARecordIsAnError() {
        byte[] whole = CommWire.encode(new CommWire.Record("comm_msg", Map.of("comm_id", "1"), Map.of(), List.of(), null));
        assertThrows(IOException.class, () -> CommWire.read(stream(Arrays.copyOf(whole, whole.length - 3))));
        // Two bytes into the JSON after a whole length prefix.
        assertThrows(IOException.class, () -> CommWire.read(stream(Arrays.copyOf(whole, 6))));
    }

    @Test
    void anOversizeOrNegativeLengthIsRefusedBeforeAnythingIsAllocated() {
        for (int length : new int[] {Integer.MAX_VALUE, 512 * 1024 * 1024 + 1, -1, Integer.MIN_VALUE}) {
            byte[] prefix = ByteBuffer.allocate(4).putInt(length).array();
            IOException refused = assertThrows(IOException.class, () -> CommWire.read(stream(prefix)));
            assertTrue(refused.getMessage().contains(String.valueOf(length)), refused.getMessage());
        }
    }

    @Test
    void aRecordThatIsNotOneIsAnIOException() {
        assertThrows(IOException.class, () -> CommWire.read(stream(framed("{not json"))));
        assertThrows(IOException.class, () -> CommWire.read(stream(framed("{\"msg_type\":\"comm_msg\",\"content\":[1]}"))));
        assertThrows(IOException.class, () -> CommWire.read(stream(framed(
                "{\"msg_type\":\"comm_msg\",\"content\":{},\"metadata\":\"x\"}"))));
        assertThrows(IOException.class, () -> CommWire.read(stream(framed(
                "{\"msg_type\":\"comm_msg\",\"content\":{},\"buffers\":[\"not base64!\"]}"))));
    }

    @Test
    void fromJsonRefusesContentThatIsNotAnObject() {
        assertThrows(IllegalArgumentException.class,
                () -> CommWire.fromJson(Map.of("msg_type", "comm_msg", "content", "text")));
        assertThrows(IllegalArgumentException.class,
                () -> CommWire.fromJson(Map.of("msg_type", "comm_msg", "content", Map.of(), "metadata", List.of())));
    }

    @Test
    void dataThatCannotBeWrittenAsJsonIsRefusedWhenEncoding() {
        Map<String, Object> content = Map.of("comm_id", "1", "data", Map.of("thread", new Object()));
        assertThrows(IllegalArgumentException.class,
                () -> CommWire.encode(new CommWire.Record("comm_msg", content, Map.of(), List.of(), null)));
    }
}
