package io.callisto.engine;

import io.callisto.executor.ExecutorMain;
import java.io.IOException;
import java.net.Socket;
import jdk.jshell.execution.StreamingExecutionControl;
import jdk.jshell.spi.ExecutionControl;

/**
 * One subshell's lane to one executor: a socket of its own on which JShell's commands for that subshell's
 * cells go (load, invoke, varValue...) while the parent shell's cell may hold the command socket; a thread of
 * the executor serves it (io.callisto.executor.LaneServer). {@link ExecutorConnection} sends a thread's
 * commands here while the thread is routed to it; the stop state is guarded by the connection's stop lock.
 */
final class LaneChannel implements AutoCloseable {
    private static final java.util.logging.Logger LOG = java.util.logging.Logger.getLogger(LaneChannel.class.getName());

    private final Socket socket;
    private final ExecutionControl commands;
    /** A cell of this lane runs (between its start and its end, compiling or invoking). */
    volatile boolean busy;
    /** A snippet of this lane is being invoked. Guarded by the connection's stop lock. */
    boolean invoking;
    /** An interrupt came while no snippet of this lane ran in its own code: the next one does not start. */
    boolean stopRequested;
    private volatile boolean stopped;

    LaneChannel(Socket socket, ExecutionControl commands) {
        this.socket = socket;
        this.commands = commands;
    }

    ExecutionControl commands() {
        return commands;
    }

    /** A snippet of this lane ended stopped. */
    void markStopped() {
        stopped = true;
    }

    /** True once after a snippet ended stopped. */
    boolean takeStopped() {
        boolean was = stopped;
        stopped = false;
        return was;
    }

    /** Names the subshell request whose cell runs next: the lane's thread prints under it. */
    void cellStarting(String msgId) {
        callistoCommand(ExecutorMain.CELL_COMMAND, msgId);
    }

    /** The cell has ended: the executor sends its output, then an output_end mark under {@code msgId}. */
    void outputEnd(String msgId) {
        callistoCommand(ExecutorMain.OUTPUT_END_COMMAND, msgId);
    }

    /** One of Callisto's own commands (ExecutorMain.COMMAND_PREFIX), as JShell's invoke of a reserved class name. */
    private void callistoCommand(String command, String msgId) {
        try {
            commands.invoke(command, msgId == null ? "" : msgId);
        } catch (ExecutionControl.ExecutionControlException e) {
            LOG.fine(() -> "the executor did not take " + command + ": " + e);
        }
    }

    boolean isOpen() {
        return !socket.isClosed();
    }

    /** Ends the lane: the executor's thread for it returns. JShell's close command is never sent here. */
    @Override
    public void close() {
        try {
            socket.close();
        } catch (IOException e) {
            // Closing anyway.
        }
    }

    /** Connects a lane to an executor's lane port, sending the token it announced. */
    static LaneChannel connect(int port, byte[] token) throws IOException {
        Socket socket = new Socket(java.net.InetAddress.getLoopbackAddress(), port);
        try {
            socket.setTcpNoDelay(true);
            socket.getOutputStream().write(token);
            java.io.ObjectOutputStream out = new java.io.ObjectOutputStream(
                    new java.io.BufferedOutputStream(socket.getOutputStream(), 1 << 16));
            out.flush();
            java.io.ObjectInputStream in = new java.io.ObjectInputStream(socket.getInputStream());
            return new LaneChannel(socket, new StreamingExecutionControl(out, in));
        } catch (IOException e) {
            socket.close();
            throw e;
        }
    }
}
