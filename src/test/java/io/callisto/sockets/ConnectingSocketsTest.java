package io.callisto.sockets;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.zeromq.SocketType;
import org.zeromq.ZContext;
import org.zeromq.ZMQ;
import org.zeromq.ZMQException;

/**
 * Fresh JeroMQ connections are answered promptly: without the armed handshake timer a few percent of them stall
 * for JeroMQ's default 30 s (zeromq/jeromq#1022), so forty in a row nearly always met one.
 */
class ConnectingSocketsTest {
    private static final int CONNECTIONS = 40;
    private static final int ANSWER_WITHIN_MS = ConnectingSockets.HANDSHAKE_IVL_MS * 3;

    private final ZContext server = new ZContext();
    private final ZContext clients = new ZContext();

    @AfterEach
    void stop() {
        clients.close();
        server.close();
    }

    @Test
    void everyFreshConnectionIsAnsweredWithinAFewHandshakeTimers() {
        ZMQ.Socket rep = server.createSocket(SocketType.REP);
        rep.setLinger(0);
        rep.bind("tcp://127.0.0.1:*");
        String endpoint = rep.getLastEndpoint();
        Thread echo = new Thread(() -> {
            try {
                for (byte[] ping; (ping = rep.recv(0)) != null; ) {
                    rep.send(ping, 0);
                }
            } catch (ZMQException closed) {
                // the context closed under recv: the test is over
            }
        }, "echo");
        echo.setDaemon(true);
        echo.start();
        for (int i = 0; i < CONNECTIONS; i++) {
            ZMQ.Socket req = clients.createSocket(SocketType.REQ);
            req.setLinger(0);
            req.setReceiveTimeOut(ANSWER_WITHIN_MS);
            ConnectingSockets.beforeConnect(req).connect(endpoint);
            req.send("ping " + i);
            assertEquals("ping " + i, req.recvStr(), "connection " + i + " was not answered within "
                    + TimeUnit.MILLISECONDS.toSeconds(ANSWER_WITHIN_MS) + " s");
            clients.destroySocket(req);
        }
    }
}
