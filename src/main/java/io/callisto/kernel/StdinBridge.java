package io.callisto.kernel;

import io.callisto.engine.InputSource;
import io.callisto.protocol.Replies;
import io.callisto.wire.Message;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;

/**
 * Answers a cell's stdin reads: sends an input_request on the stdin channel to the client that sent the
 * running execute_request and waits for its input_reply. A client that set allow_stdin false (nbclient,
 * papermill) gets a clear refusal at once instead of a hang. "\u0004" reads as end of input. Called on the
 * engine's dedicated stdin thread.
 */
final class StdinBridge implements InputSource {
    private static final Message INTERRUPTED = new Message(null, null, null, null, null, null);

    private final Outbound outbound;
    private final StreamPublisher streams;
    private final BlockingQueue<Message> replies = new LinkedBlockingQueue<>();
    private volatile Message request;
    private volatile boolean allowed;

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
    public String readLine(String prompt, boolean password) throws IOException {
        Message current = request;
        if (current == null) {
            throw new IOException("stdin can be read only while a cell runs, not from a background thread");
        }
        if (!allowed) {
            // Scanner swallows the IOException and says only "No line found": tell the user why here too.
            String why = "stdin is not available: this client does not answer input requests"
                    + " (allow_stdin is false, as in nbclient and papermill)";
            streams.stream("stderr").write((why + "\n").getBytes(StandardCharsets.UTF_8));
            throw new IOException(why);
        }
        streams.flush();
        replies.clear();
        outbound.stdin(current, "input_request", new Replies.InputRequest(prompt, password));
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
        return value.equals("\u0004") ? null : value;
    }
}
