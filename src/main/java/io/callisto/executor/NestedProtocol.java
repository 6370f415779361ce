package io.callisto.executor;

import java.io.ByteArrayOutputStream;
import java.io.DataInput;
import java.io.DataInputStream;
import java.io.DataOutput;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * How a running cell asks the kernel for IJava's {@code eval} or a magic with computed arguments, and how the
 * answer comes back. Used by both JVMs. The request travels on JShell's multiplexed output stream, behind what
 * the cell printed before it. While the kernel serves it, the cell's thread serves JShell's commands (load,
 * invoke, …) for the nested snippets on a socket of its own, since the command socket is busy with the cell's
 * own invoke; the kernel ends that exchange with {@link #ANSWER_PREFIX} and the answer.
 */
public final class NestedProtocol {
    /** The multiplexed output stream's name for nested requests. */
    public static final String REQUEST_STREAM = "callisto-nested";
    /** Written on the nested socket where a command's prefix would stand: the answer follows. */
    public static final int ANSWER_PREFIX = 0x4E455354;

    public static final byte EVAL = 'E';
    public static final byte LINE_MAGIC = 'L';
    public static final byte CELL_MAGIC = 'C';

    /** No value (a declaration, a magic without one). */
    public static final byte NONE = 0;
    /** The value of the last snippet the nested call ran, which the executor kept. */
    public static final byte VALUE = 1;
    /** The exception the last snippet threw, which the executor kept: rethrown as itself. */
    public static final byte THROWN = 2;
    /** A magic's value: a list of strings. */
    public static final byte LIST = 3;
    /** A magic's value: a string. */
    public static final byte TEXT = 4;
    /** It failed: the text says why (a compile error, an unknown magic). */
    public static final byte FAILED = 5;
    /** The cell was interrupted meanwhile: the cell stops. */
    public static final byte STOPPED = 6;

    private NestedProtocol() {
    }

    /**
     * One request.
     *
     * @param kind EVAL, LINE_MAGIC or CELL_MAGIC
     * @param text the code to evaluate, or the magic's name
     * @param args a magic's arguments (empty for eval)
     * @param body a cell magic's body, else null
     */
    public record Request(byte kind, String text, List<String> args, String body) {
    }

    /**
     * One answer.
     *
     * @param kind NONE, VALUE, THROWN, LIST, TEXT, FAILED or STOPPED
     * @param text TEXT's value or FAILED's reason, else empty
     * @param values LIST's value, else empty
     */
    public record Answer(byte kind, String text, List<String> values) {
        /**
         * An answer that is its kind alone.
         *
         * @param kind NONE, VALUE, THROWN or STOPPED
         * @return the answer, with no text and no values
         */
        public static Answer of(byte kind) {
            return new Answer(kind, "", List.of());
        }
    }

    /** A request as sent on the multiplexed stream: a 4-byte length, then its fields. */
    static byte[] encode(Request request) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (DataOutputStream out = new DataOutputStream(bytes)) {
            out.writeInt(0);  // the length, filled in below
            out.writeByte(request.kind());
            writeString(out, request.text());
            writeStrings(out, request.args());
            out.writeBoolean(request.body() != null);
            writeString(out, request.body() == null ? "" : request.body());
        } catch (IOException e) {
            throw new IllegalStateException("cannot happen in memory", e);
        }
        byte[] frame = bytes.toByteArray();
        java.nio.ByteBuffer.wrap(frame).putInt(frame.length - 4);
        return frame;
    }

    /**
     * Reads a request's fields (what follows its length).
     *
     * @param payload the bytes after the length
     * @return the request
     * @throws IOException when the bytes are not a request
     */
    public static Request decode(byte[] payload) throws IOException {
        DataInputStream in = new DataInputStream(new java.io.ByteArrayInputStream(payload));
        byte kind = in.readByte();
        String text = readString(in);
        List<String> args = readStrings(in);
        boolean hasBody = in.readBoolean();
        String body = readString(in);
        return new Request(kind, text, args, hasBody ? body : null);
    }

    /**
     * Writes {@link #ANSWER_PREFIX} and the answer, and flushes.
     *
     * @param out the kernel's end of the nested socket
     * @param answer what to send
     * @throws IOException when the executor has gone
     */
    public static void writeAnswer(DataOutput out, Answer answer) throws IOException {
        out.writeInt(ANSWER_PREFIX);
        out.writeByte(answer.kind());
        writeString(out, answer.text());
        writeStrings(out, answer.values());
    }

    /** Reads an answer whose prefix has been read. */
    static Answer readAnswer(DataInput in) throws IOException {
        byte kind = in.readByte();
        String text = readString(in);
        return new Answer(kind, text, readStrings(in));
    }

    private static void writeString(DataOutput out, String text) throws IOException {
        byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
        out.writeInt(bytes.length);
        out.write(bytes);
    }

    private static String readString(DataInput in) throws IOException {
        byte[] bytes = new byte[in.readInt()];
        in.readFully(bytes);
        return new String(bytes, StandardCharsets.UTF_8);
    }

    private static void writeStrings(DataOutput out, List<String> texts) throws IOException {
        out.writeInt(texts.size());
        for (String text : texts) {
            writeString(out, text);
        }
    }

    private static List<String> readStrings(DataInput in) throws IOException {
        int count = in.readInt();
        List<String> texts = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            texts.add(readString(in));
        }
        return texts;
    }
}
