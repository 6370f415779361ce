package io.callisto.kernel;

import io.callisto.protocol.Replies;
import io.callisto.wire.Message;
import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Turns what cells print into IOPub {@code stream} messages. Output is collected and published a few
 * milliseconds after it starts (or at once past a size), so a flood of lines arrives as a handful of
 * messages; stdout and stderr keep their interleaving. The kernel flushes before every result, error, input
 * request and reply, so output never trails them. Output belongs to the request that ran last, which
 * keeps a background thread's later lines under the cell that started it.
 */
final class StreamPublisher implements AutoCloseable {
    private static final long DELAY_MS = 50;
    private static final int PUBLISH_AT_BYTES = 1 << 20;

    /**
     * Output a single request may publish; beyond it the rest is dropped with one visible note, so a cell
     * printing without end cannot flood the client or the kernel's memory (jupyter_server's rate limit
     * would drop it anyway, silently). CALLISTO_OUTPUT_LIMIT_MB sets it.
     */
    private final long limitBytes;
    private long publishedBytes;
    private boolean limitNoted;

    private record Segment(String name, ByteArrayOutputStream bytes) {
    }

    private final Outbound outbound;
    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread thread = new Thread(r, "callisto-stream-flush");
        thread.setDaemon(true);
        return thread;
    });
    private final List<Segment> pending = new ArrayList<>();
    private final CharsetDecoder decoder = StandardCharsets.UTF_8.newDecoder()
            .onMalformedInput(CodingErrorAction.REPLACE)
            .onUnmappableCharacter(CodingErrorAction.REPLACE);
    private Message parent;
    private boolean muted;
    private boolean flushScheduled;

    StreamPublisher(Outbound outbound, long limitBytes) {
        this.outbound = outbound;
        this.limitBytes = limitBytes;
    }

    OutputStream stream(String name) {
        return new OutputStream() {
            @Override
            public void write(int b) {
                append(name, new byte[] {(byte) b}, 0, 1);
            }

            @Override
            public void write(byte[] bytes, int offset, int length) {
                append(name, bytes, offset, length);
            }
        };
    }

    /** From now on output belongs to {@code request}; a silent request's output is not published. */
    synchronized void attachTo(Message request, boolean silent) {
        flush();
        parent = request;
        muted = silent;
        publishedBytes = 0;
        limitNoted = false;
    }

    /** The request output now belongs to. */
    synchronized Message parent() {
        return parent;
    }

    /** Whether output is being dropped (a silent request runs). */
    synchronized boolean muted() {
        return muted;
    }

    private synchronized void append(String name, byte[] bytes, int offset, int length) {
        if (muted) {
            return;
        }
        if (publishedBytes + pendingBytes() >= limitBytes) {
            noteLimit();
            return;
        }
        Segment last = pending.isEmpty() ? null : pending.get(pending.size() - 1);
        if (last == null || !last.name().equals(name)) {
            last = new Segment(name, new ByteArrayOutputStream());
            pending.add(last);
        }
        last.bytes().write(bytes, offset, length);
        if (last.bytes().size() >= PUBLISH_AT_BYTES) {
            flush();
        } else if (!flushScheduled) {
            flushScheduled = true;
            timer.schedule(this::flush, DELAY_MS, TimeUnit.MILLISECONDS);
        }
    }

    /** Publishes everything collected so far, in order. */
    synchronized void flush() {
        flushScheduled = false;
        for (int i = 0; i < pending.size(); i++) {
            Segment segment = pending.get(i);
            boolean lastSegment = i == pending.size() - 1;
            byte[] bytes = segment.bytes().toByteArray();
            int complete = lastSegment ? completeUtf8Length(bytes) : bytes.length;
            if (complete > 0) {
                outbound.publish("stream", parent, new Replies.Stream(segment.name(), decode(bytes, complete)));
                publishedBytes += complete;
            }
            if (lastSegment && complete < bytes.length) {
                // Keep a multi-byte character cut in half until its other bytes arrive.
                ByteArrayOutputStream rest = new ByteArrayOutputStream();
                rest.write(bytes, complete, bytes.length - complete);
                pending.clear();
                pending.add(new Segment(segment.name(), rest));
                return;
            }
        }
        pending.clear();
    }

    private String decode(byte[] bytes, int length) {
        try {
            CharBuffer chars = decoder.reset().decode(ByteBuffer.wrap(bytes, 0, length));
            return chars.toString();
        } catch (java.nio.charset.CharacterCodingException e) {
            return new String(bytes, 0, length, StandardCharsets.UTF_8);
        }
    }

    private int pendingBytes() {
        int total = 0;
        for (Segment segment : pending) {
            total += segment.bytes().size();
        }
        return total;
    }

    private void noteLimit() {
        if (limitNoted) {
            return;
        }
        limitNoted = true;
        flush();
        outbound.publish("stream", parent, new Replies.Stream("stderr", "\n[Callisto: this cell printed more than "
                + limitBytes / (1024 * 1024) + " MB; the rest of its output is dropped. CALLISTO_OUTPUT_LIMIT_MB sets the limit.]\n"));
    }

    /** The length of the prefix that ends on a whole UTF-8 character. */
    static int completeUtf8Length(byte[] bytes) {
        int end = bytes.length;
        for (int back = 1; back <= 3 && end - back >= 0; back++) {
            int b = bytes[end - back] & 0xff;
            if ((b & 0xC0) == 0x80) {
                continue; // a continuation byte: look further back for the lead byte
            }
            int needed = b >= 0xF0 ? 4 : b >= 0xE0 ? 3 : b >= 0xC0 ? 2 : 1;
            return needed > back ? end - back : end;
        }
        return end;
    }

    @Override
    public void close() {
        flush();
        timer.shutdownNow();
    }
}
