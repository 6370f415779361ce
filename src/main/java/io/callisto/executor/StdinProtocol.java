package io.callisto.executor;

import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;

/**
 * How a cell's read of System.in reaches the kernel and comes back. The request travels on JShell's
 * multiplexed output stream, behind everything the cell printed before it, so the prompt is on screen before
 * the input box; the answer comes back on a socket of its own. JShell's own stdin channel is not used: after
 * one end-of-input it stays closed for the rest of the session.
 */
public final class StdinProtocol {
    /** The multiplexed output stream's name for input requests. */
    public static final String REQUEST_STREAM = "callisto-stdin";
    /** The first byte each executor socket sends, so the kernel can tell them apart. */
    public static final byte COMMAND_SOCKET = 'C';
    public static final byte ANSWER_SOCKET = 'A';
    /** The socket on which the cell's thread serves JShell's commands for an eval ({@link NestedProtocol}). */
    public static final byte NESTED_SOCKET = 'N';
    /** The socket on which the kernel forwards the frontend's comm messages (io.callisto.comm.CommWire). */
    public static final byte COMM_SOCKET = 'M';
    /** The socket on which the executor announces where subshells' lanes connect (io.callisto.executor.LaneServer). */
    public static final byte LANE_SOCKET = 'L';

    public static final byte LINE = 0;
    public static final byte END_OF_INPUT = 1;
    public static final byte REFUSED = 2;
    public static final byte INTERRUPTED = 3;

    private StdinProtocol() {
    }

    /** A request's first byte: a line to show as typed, or a password to hide. */
    public static final byte ASK_LINE = 'L';
    public static final byte ASK_PASSWORD = 'P';

    /** A request: ASK_LINE or ASK_PASSWORD, the prompt in UTF-8, then a zero byte. */
    static byte[] request(String prompt, boolean password) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        bytes.write(password ? ASK_PASSWORD : ASK_LINE);
        byte[] text = prompt.replace('\0', ' ').getBytes(StandardCharsets.UTF_8);
        bytes.write(text, 0, text.length);
        bytes.write(0);
        return bytes.toByteArray();
    }

    /** Answer: one of LINE, END_OF_INPUT, REFUSED, INTERRUPTED, then the text (the line, or why). */
    public static void writeAnswer(DataOutputStream out, byte kind, String text) throws IOException {
        byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
        out.writeByte(kind);
        out.writeInt(bytes.length);
        out.write(bytes);
        out.flush();
    }

    record Answer(byte kind, String text) {
    }

    static Answer readAnswer(DataInputStream in) throws IOException {
        byte kind = in.readByte();
        byte[] bytes = new byte[in.readInt()];
        in.readFully(bytes);
        return new Answer(kind, new String(bytes, StandardCharsets.UTF_8));
    }
}
