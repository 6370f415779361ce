package io.callisto.executor;

import java.io.BufferedOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.concurrent.atomic.AtomicInteger;
import jdk.jshell.execution.Util;

/**
 * Serves subshells' lanes: for each subshell the kernel connects a socket of its own here and sends JShell's
 * commands for that subshell's cells on it, which a thread of this JVM serves with a lane control
 * ({@link ExecutorControl#lane}: the notebook's class loader, its own running-cell state). So a subshell's
 * snippet runs on its own thread while the parent shell's cell runs on the command socket's. The port is on
 * loopback only and announced to the kernel on a socket of the startup handshake, with a random token that
 * every connection must send first: no other process can run code here through it. Closing a lane's socket
 * ends its thread.
 */
final class LaneServer {
    private static final int TOKEN_BYTES = 32;
    private static final int TOKEN_READ_TIMEOUT_MS = 10_000;

    private final ServerSocket server;
    private final byte[] token = new byte[TOKEN_BYTES];
    private final ExecutorControl primary;
    private final AtomicInteger lanes = new AtomicInteger();

    private LaneServer(ExecutorControl primary) throws IOException {
        this.primary = primary;
        this.server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        new SecureRandom().nextBytes(token);
    }

    /** Listens, and tells the kernel where and with which token on {@code announce} (which stays open). */
    static void start(Socket announce, ExecutorControl primary) throws IOException {
        LaneServer lanes = new LaneServer(primary);
        DataOutputStream out = new DataOutputStream(announce.getOutputStream());
        out.writeInt(lanes.server.getLocalPort());
        out.write(lanes.token);
        out.flush();
        Thread acceptor = new Thread(lanes::accept, "callisto-lanes");
        acceptor.setDaemon(true);
        acceptor.start();
    }

    /** The token's length; the kernel reads the port (an int) and then this many bytes. */
    static int tokenBytes() {
        return TOKEN_BYTES;
    }

    private void accept() {
        while (true) {
            Socket socket;
            try {
                socket = server.accept();
            } catch (IOException e) {
                return;
            }
            Thread thread = new Thread(() -> serve(socket), "callisto-subshell-" + lanes.incrementAndGet());
            thread.setDaemon(true);
            thread.start();
        }
    }

    private void serve(Socket socket) {
        try (socket) {
            socket.setTcpNoDelay(true);
            socket.setSoTimeout(TOKEN_READ_TIMEOUT_MS);
            byte[] sent = new byte[TOKEN_BYTES];
            new DataInputStream(socket.getInputStream()).readFully(sent);
            if (!MessageDigest.isEqual(sent, token)) {
                return;
            }
            socket.setSoTimeout(0);
            ObjectOutputStream results = new ObjectOutputStream(new BufferedOutputStream(socket.getOutputStream(), 1 << 16));
            results.flush();
            ObjectInputStream commands = new ObjectInputStream(socket.getInputStream());
            // Returns when the kernel closes the socket (the subshell deleted, the session ended).
            Util.forwardExecutionControl(primary.lane(), commands, results);
        } catch (IOException e) {
            // The kernel has gone, or closed this lane.
        }
    }
}
