package io.callisto.executor;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;

/**
 * Collects what cells print and forwards it to the kernel in batches: a flush (println's auto-flush) only
 * wakes this stream's sender thread, which sends a few milliseconds later, so a loop of 100,000 printlns
 * crosses the socket as a few dozen packets instead of 200,000. {@link #sendNow} is called when a cell ends
 * so nothing waits behind it.
 *
 * <p>A flush runs on the cell's thread, where an interrupt's stop may land at any instruction. So it only
 * sets a flag and notifies under this stream's monitor, which the JVM releases however the thread leaves: a
 * scheduler's queue would take a lock the stop could leave held for good, and then no output would ever be
 * sent on time again.
 */
final class BatchingOutputStream extends OutputStream {
    private static final int SEND_AT_BYTES = 64 * 1024;
    private static final long DELAY_MS = 5;

    private final OutputStream target;
    private final ByteArrayOutputStream buffer = new ByteArrayOutputStream(8192);
    /** A flush asked for a send that has not been made. */
    private boolean sendWanted;

    BatchingOutputStream(OutputStream target, String senderName) {
        this.target = target;
        Thread sender = new Thread(this::sendWhenAsked, senderName);
        sender.setDaemon(true);
        sender.start();
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
        if (buffer.size() > 0) {
            sendWanted = true;
            // Every flush notifies, not only the first: a stop landing between these lines costs one wake-up, not the send.
            notifyAll();
        }
    }

    synchronized void sendNow() throws IOException {
        sendWanted = false;
        if (buffer.size() == 0) {
            return;
        }
        target.write(buffer.toByteArray());
        target.flush();
        buffer.reset();
    }

    private void sendWhenAsked() {
        while (true) {
            try {
                synchronized (this) {
                    while (!sendWanted) {
                        wait();
                    }
                }
                Thread.sleep(DELAY_MS);
                sendNow();
            } catch (InterruptedException e) {
                // A cell interrupting every thread: this one keeps sending.
            } catch (IOException e) {
                return;  // the kernel has gone; the executor is about to exit with it
            }
        }
    }
}
