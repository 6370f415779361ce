package io.callisto.sockets;

import java.util.logging.Level;
import java.util.logging.Logger;
import org.zeromq.SocketType;
import org.zeromq.ZMQ;
import org.zeromq.ZMQException;
import zmq.ZError;

/** Echoes every heartbeat ping back unchanged, on a thread of its own so a busy kernel still answers. */
final class Heartbeat implements Runnable {
    private static final Logger LOG = Logger.getLogger(Heartbeat.class.getName());

    private final ZMQ.Socket socket;
    private final int port;

    /** Binds at once, to the connection's ip and hb_port (chosen there if 0). */
    Heartbeat(ZMQ.Context context, ConnectionInfo connection) {
        socket = context.socket(SocketType.REP);
        socket.setLinger(0);
        port = KernelSockets.bind(socket, connection, connection.hbPort());
    }

    /** The port bound. */
    int port() {
        return port;
    }

    @Override
    public void run() {
        try {
            while (!Thread.currentThread().isInterrupted()) {
                byte[] ping = socket.recv(0);
                if (ping == null) {
                    break;
                }
                socket.send(ping, 0);
            }
        } catch (ZMQException e) {
            if (e.getErrorCode() != ZError.ETERM) {
                LOG.log(Level.WARNING, "heartbeat stopped", e);
            }
        } finally {
            socket.close();
        }
    }
}
