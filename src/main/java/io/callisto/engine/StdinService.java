package io.callisto.engine;

import io.callisto.executor.StdinProtocol;
import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.logging.Logger;

/**
 * The kernel's side of a cell's stdin reads: requests arrive on JShell's multiplexed stream (parsed here on
 * JShell's reader thread), and a dedicated thread asks the {@link InputSource} and writes the answer back on
 * the executor's answer socket, so the reader thread never blocks and output keeps flowing meanwhile.
 */
final class StdinService extends OutputStream {
    private static final Logger LOG = Logger.getLogger(StdinService.class.getName());

    private record InputRequest(String prompt, boolean password) {
    }

    private static final InputRequest EXECUTOR_GONE = new InputRequest("", false);

    private final ByteArrayOutputStream partial = new ByteArrayOutputStream();
    private final BlockingQueue<InputRequest> requests = new LinkedBlockingQueue<>();

    StdinService(InputSource source, Socket answers, Process executor) throws IOException {
        DataOutputStream out = new DataOutputStream(answers.getOutputStream());
        executor.onExit().thenRun(() -> requests.add(EXECUTOR_GONE));
        Thread thread = new Thread(() -> serve(source, out, answers), "callisto-stdin");
        thread.setDaemon(true);
        thread.start();
    }

    /** Bytes of requests, in packets of any size: each request ends with a zero byte. */
    @Override
    public synchronized void write(int b) {
        if (b != 0) {
            partial.write(b);
            return;
        }
        byte[] request = partial.toByteArray();
        partial.reset();
        if (request.length > 0) {
            String prompt = new String(request, 1, request.length - 1, StandardCharsets.UTF_8);
            requests.add(new InputRequest(prompt, request[0] == StdinProtocol.ASK_PASSWORD));
        }
    }

    @Override
    public synchronized void write(byte[] bytes, int offset, int length) {
        for (int i = 0; i < length; i++) {
            write(bytes[offset + i]);
        }
    }

    private void serve(InputSource source, DataOutputStream out, Socket answers) {
        try {
            while (true) {
                InputRequest request = requests.take();
                if (request == EXECUTOR_GONE) {
                    return;
                }
                try {
                    String line = source.readLine(request.prompt(), request.password());
                    if (line == null) {
                        StdinProtocol.writeAnswer(out, StdinProtocol.END_OF_INPUT, "");
                    } else {
                        StdinProtocol.writeAnswer(out, StdinProtocol.LINE, line);
                    }
                } catch (InterruptedIOException e) {
                    StdinProtocol.writeAnswer(out, StdinProtocol.INTERRUPTED, e.getMessage());
                } catch (IOException e) {
                    StdinProtocol.writeAnswer(out, StdinProtocol.REFUSED, e.getMessage());
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (IOException e) {
            LOG.fine(() -> "the executor's answer socket closed: " + e);
        }
    }
}
