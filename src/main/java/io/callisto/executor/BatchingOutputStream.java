package io.callisto.executor;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Collects what cells print and forwards it to the kernel in batches: a flush (println's auto-flush) only
 * schedules a send a few milliseconds later, so a loop of 100,000 printlns crosses the socket as a few
 * dozen packets instead of 200,000. {@link #sendNow} is called when a cell ends so nothing waits behind it.
 */
final class BatchingOutputStream extends OutputStream {
    private static final int SEND_AT_BYTES = 64 * 1024;
    private static final long DELAY_MS = 5;

    private final OutputStream target;
    private final ScheduledExecutorService scheduler;
    private final ByteArrayOutputStream buffer = new ByteArrayOutputStream(8192);
    private boolean sendScheduled;

    BatchingOutputStream(OutputStream target, ScheduledExecutorService scheduler) {
        this.target = target;
        this.scheduler = scheduler;
    }

    @Override
    public synchronized void write(int b) throws IOException {
        buffer.write(b);
        if (buffer.size() >= SEND_AT_BYTES) {
            sendNow();
        }
    }

    @Override
    public synchronized void write(byte[] bytes, int offset, int length) throws IOException {
        buffer.write(bytes, offset, length);
        if (buffer.size() >= SEND_AT_BYTES) {
            sendNow();
        }
    }

    @Override
    public synchronized void flush() {
        if (!sendScheduled && buffer.size() > 0) {
            sendScheduled = true;
            scheduler.schedule(this::sendQuietly, DELAY_MS, TimeUnit.MILLISECONDS);
        }
    }

    synchronized void sendNow() throws IOException {
        sendScheduled = false;
        if (buffer.size() == 0) {
            return;
        }
        target.write(buffer.toByteArray());
        target.flush();
        buffer.reset();
    }

    private void sendQuietly() {
        try {
            sendNow();
        } catch (IOException e) {
            // The kernel has gone; the executor is about to exit with it.
        }
    }
}
