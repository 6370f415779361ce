package io.callisto.sockets;

import org.zeromq.ZMQ;

/**
 * What every JeroMQ socket that connects (rather than binds) needs before its {@code connect}. The kernel's own
 * sockets all bind; connecting ones are the installer's class-data training client and the tests' clients.
 */
public final class ConnectingSockets {
    /**
     * How long a connection may take to finish its ZMTP handshake before JeroMQ drops and redials it, in ms.
     * JeroMQ's poller sometimes never registers a fresh outgoing connection with its selector (zeromq/jeromq#1022,
     * a few percent of connections, more under load): the peer's greeting sits unread and the first message waits
     * for the handshake timer, 30 s by default. Redialling keeps the queued message, so a short timer only turns
     * that stall into a short delay; it is long enough for a CurveZMQ handshake on a loaded machine.
     */
    public static final int HANDSHAKE_IVL_MS = 2000;

    private ConnectingSockets() {
    }

    /** Arms the handshake timer on {@code socket}; call before it connects. Returns the socket. */
    public static ZMQ.Socket beforeConnect(ZMQ.Socket socket) {
        socket.setHandshakeIvl(HANDSHAKE_IVL_MS);
        return socket;
    }
}
