package io.callisto.engine;

import java.io.IOException;
import java.io.ObjectInput;
import java.io.ObjectOutput;
import java.net.Socket;
import java.util.concurrent.TimeUnit;
import jdk.jshell.execution.StreamingExecutionControl;

/** The kernel's end of JShell's execution protocol; closing it ends the executor JVM. */
final class ExecutorConnection extends StreamingExecutionControl {
    private final Process process;
    private final Socket socket;

    ExecutorConnection(ObjectOutput out, ObjectInput in, Process process, Socket socket) {
        super(out, in);
        this.process = process;
        this.socket = socket;
    }

    @Override
    public void stop() {
        // Stopping a running snippet needs the executor's debugger connection; until then a cell runs to its end.
    }

    @Override
    public void close() {
        try {
            super.close();
        } finally {
            try {
                if (!process.waitFor(500, TimeUnit.MILLISECONDS)) {
                    process.destroyForcibly();
                }
                socket.close();
            } catch (InterruptedException e) {
                process.destroyForcibly();
                Thread.currentThread().interrupt();
            } catch (IOException e) {
                // Closing anyway.
            }
        }
    }
}
