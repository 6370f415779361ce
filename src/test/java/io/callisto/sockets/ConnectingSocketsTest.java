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

    // The echo thread owns its socket and closes it when the context ends (as the kernel's Heartbeat does), so
    // terminating the context never waits on a socket another thread is blocked in.
    private final ZMQ.Context server = ZMQ.context(1);
    private final ZContext clients = new ZContext();
    private Thread echo;

    @AfterEach
    void stop() throws InterruptedException {
        clients.close();
        server.term();
        echo.join(10_000);
    }

    @Test
    void everyFreshConnectionIsAnsweredWithinAFewHandshakeTimers() {
        ZMQ.Socket rep = server.socket(SocketType.REP);
        rep.setLinger(0);
        rep.bind("tcp://127.0.0.1:*");
        String endpoint = rep.getLastEndpoint();
        echo = new Thread(() -> {
            try {
                for (byte[] ping; (ping = rep.recv(0)) != null; ) {
                    rep.send(ping, 0);
                }
            } catch (ZMQException terminated) {
                // the context ended under recv: the test is over
            } finally {
                rep.close();
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
