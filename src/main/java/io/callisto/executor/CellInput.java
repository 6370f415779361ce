package io.callisto.executor;

import java.io.DataInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;

/**
 * System.in in the executor: with nothing buffered, a read asks the kernel for a line (which asks the
 * Jupyter client) and blocks until the answer. End of input ends only the current read, so the next cell can
 * read again.
 */
public final class CellInput extends InputStream {
    private final OutputStream requests;
    private final DataInputStream answers;
    private final Runnable sendOutput;
    private byte[] line = new byte[0];
    private int position;

    CellInput(OutputStream requests, InputStream answers, Runnable sendOutput) {
        this.requests = requests;
        this.answers = new DataInputStream(answers);
        this.sendOutput = sendOutput;
    }

    @Override
    public synchronized int read() throws IOException {
        if (position >= line.length && !fill("", false)) {
            return -1;
        }
        return line[position++] & 0xff;
    }

    @Override
    public synchronized int read(byte[] buffer, int offset, int length) throws IOException {
        if (length == 0) {
            return 0;
        }
        if (position >= line.length && !fill("", false)) {
            return -1;
        }
        int count = Math.min(length, line.length - position);
        System.arraycopy(line, position, buffer, offset, count);
        position += count;
        return count;
    }

    @Override
    public synchronized int available() {
        return line.length - position;
    }

    /** Asks for one line with a prompt, hiding what is typed when {@code password}; null at end of input. */
    public synchronized String readLine(String prompt, boolean password) throws IOException {
        StdinProtocol.Answer answer = ask(prompt, password);
        return answer == null ? null : answer.text();
    }

    private boolean fill(String prompt, boolean password) throws IOException {
        StdinProtocol.Answer answer = ask(prompt, password);
        if (answer == null) {
            return false;
        }
        line = (answer.text() + "\n").getBytes(StandardCharsets.UTF_8);
        position = 0;
        return true;
    }

    private StdinProtocol.Answer ask(String prompt, boolean password) throws IOException {
        sendOutput.run();
        requests.write(StdinProtocol.request(prompt, password));
        requests.flush();
        StdinProtocol.Answer answer = StdinProtocol.readAnswer(answers);
        return switch (answer.kind()) {
            case StdinProtocol.LINE -> answer;
            case StdinProtocol.END_OF_INPUT -> null;
            case StdinProtocol.INTERRUPTED -> throw new InterruptedIOException(answer.text());
            default -> throw new IOException(answer.text());
        };
    }
}
