package io.callisto.kernel;

import io.callisto.protocol.Replies;
import io.callisto.wire.Message;
import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;

/**
 * System.in for cells: a read with nothing buffered sends an input_request on the stdin channel to the
 * client that sent the running execute_request and waits for its input_reply. A client that set
 * allow_stdin false (nbclient, papermill) gets an IOException at once instead of a hang. "\u0004" reads as
 * end of input. JShell calls {@link #read} from its own I/O thread, one byte at a time.
 */
final class StdinBridge extends InputStream {
    private static final Message INTERRUPTED = new Message(null, null, null, null, null, null);

    private final Outbound outbound;
    private final StreamPublisher streams;
    private final BlockingQueue<Message> replies = new LinkedBlockingQueue<>();
    private volatile Message request;
    private volatile boolean allowed;
    private byte[] line = new byte[0];
    private int position;
    private Message lineOwner;

    StdinBridge(Outbound outbound, StreamPublisher streams) {
        this.outbound = outbound;
        this.streams = streams;
    }

    /** The execute_request now running, and whether its client answers input requests. */
    void attachTo(Message executeRequest, boolean allowStdin) {
        request = executeRequest;
        allowed = allowStdin;
        replies.clear();
    }

    void detach() {
        request = null;
    }

    /** An input_reply arrived (on the I/O thread). */
    void received(Message reply) {
        replies.add(reply);
    }

    /** Ends a wait for input: the read fails and the cell stops. */
    void interrupt() {
        replies.add(INTERRUPTED);
    }

    @Override
    public synchronized int read() throws IOException {
        Message current = request;
        if (position < line.length && lineOwner == current) {
            return line[position++] & 0xff;
        }
        if (current == null) {
            throw new IOException("stdin can be read only while a cell runs, not from a background thread");
        }
        if (!allowed) {
            throw new IOException("stdin is not available: this client does not answer input requests"
                    + " (allow_stdin is false, as in nbclient and papermill)");
        }
        streams.flush();
        replies.clear();
        outbound.stdin(current, "input_request", new Replies.InputRequest("", false));
        Message reply;
        try {
            reply = replies.take();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("interrupted while waiting for input");
        }
        if (reply == INTERRUPTED) {
            throw new InterruptedIOException("interrupted while waiting for input");
        }
        String value = reply.content().path("value").asText("");
        if (value.equals("\u0004")) {
            return -1;
        }
        line = (value + "\n").getBytes(StandardCharsets.UTF_8);
        position = 0;
        lineOwner = current;
        return line[position++] & 0xff;
    }
}
