package io.callisto.sockets;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.zeromq.SocketType;
import org.zeromq.ZContext;
import org.zeromq.ZMQ;

/**
 * The kernel's sockets with a connection file's curve keys: a CurveZMQ client that knows the server key is
 * heard on shell and heartbeat; a plaintext client, or one with the wrong server key, is not.
 */
class KernelSocketsCurveTest {
    private static final int SILENCE_MS = 1500;

    private final BlockingQueue<List<byte[]>> received = new LinkedBlockingQueue<>();
    private final ZMQ.Curve.KeyPair server = ZMQ.Curve.generateKeyPair();
    private final ZContext clients = new ZContext();
    private KernelSockets sockets;

    @BeforeEach
    void start() {
        ConnectionInfo connection = new ConnectionInfo("tcp", "127.0.0.1", 0, 0, 0, 0, 0, "k", "hmac-sha256", "java",
                server.publicKey, server.secretKey);
        sockets = new KernelSockets(connection, (channel, frames) -> received.add(frames));
        sockets.start();
    }

    @AfterEach
    void stop() {
        clients.close();
        sockets.close();
    }

    private ZMQ.Socket client(SocketType type, int port, Consumer<ZMQ.Socket> security) {
        ZMQ.Socket socket = clients.createSocket(type);
        socket.setLinger(0);
        socket.setReceiveTimeOut(SILENCE_MS);
        security.accept(socket);
        ConnectingSockets.beforeConnect(socket).connect(sockets.bound().endpoint(port));
        return socket;
    }

    private static Consumer<ZMQ.Socket> curveClientOf(String serverPublicKey) {
        return socket -> {
            ZMQ.Curve.KeyPair mine = ZMQ.Curve.generateKeyPair();
            socket.setCurveServerKey(ZMQ.Curve.z85Decode(serverPublicKey));
            socket.setCurvePublicKey(ZMQ.Curve.z85Decode(mine.publicKey));
            socket.setCurveSecretKey(ZMQ.Curve.z85Decode(mine.secretKey));
        };
    }

    @Test
    void aCurveClientWithTheServerKeyIsHeardOnShellAndHeartbeat() throws Exception {
        try (LoopbackClient shell = new LoopbackClient(sockets.bound(), SILENCE_MS)) {
            shell.send(List.of("hello".getBytes(StandardCharsets.UTF_8)));
            List<byte[]> frames = received.poll(10, TimeUnit.SECONDS);
            assertTrue(frames != null, "the kernel received nothing from a curve client");
            assertArrayEquals("hello".getBytes(StandardCharsets.UTF_8), frames.get(frames.size() - 1));
        }
        ZMQ.Socket hb = client(SocketType.REQ, sockets.bound().hbPort(), curveClientOf(server.publicKey));
        hb.setReceiveTimeOut(10_000);
        hb.send("ping");
        assertEquals("ping", hb.recvStr());
    }

    @Test
    void aPlaintextClientIsNeitherHeardNorAnswered() throws Exception {
        ZMQ.Socket shell = client(SocketType.DEALER, sockets.bound().shellPort(), socket -> { });
        shell.send("hello");
        assertNull(received.poll(SILENCE_MS, TimeUnit.MILLISECONDS), "a plaintext message reached the kernel");
        ZMQ.Socket hb = client(SocketType.REQ, sockets.bound().hbPort(), socket -> { });
        hb.send("ping");
        assertNull(hb.recv(), "the heartbeat answered a plaintext client");
    }

    @Test
    void aClientWithTheWrongServerKeyIsNeitherHeardNorAnswered() throws Exception {
        String wrong = ZMQ.Curve.generateKeyPair().publicKey;
        ZMQ.Socket control = client(SocketType.DEALER, sockets.bound().controlPort(), curveClientOf(wrong));
        control.send("hello");
        assertNull(received.poll(SILENCE_MS, TimeUnit.MILLISECONDS), "a message under the wrong key reached the kernel");
        ZMQ.Socket hb = client(SocketType.REQ, sockets.bound().hbPort(), curveClientOf(wrong));
        hb.send("ping");
        assertNull(hb.recv(), "the heartbeat answered a client with the wrong server key");
    }

    @Test
    void iopubReachesOnlyACurveSubscriber() throws Exception {
        ZMQ.Socket plain = client(SocketType.SUB, sockets.bound().iopubPort(), socket -> { });
        plain.subscribe(new byte[0]);
        ZMQ.Socket curve = client(SocketType.SUB, sockets.bound().iopubPort(), curveClientOf(server.publicKey));
        curve.subscribe(new byte[0]);
        curve.setReceiveTimeOut(200);
        // A PUB drops until the subscription arrives: publish until the curve subscriber hears, with a deadline.
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        String heard = null;
        while (heard == null && System.nanoTime() < deadline) {
            sockets.send(Channel.IOPUB, List.of("status".getBytes(StandardCharsets.UTF_8)));
            heard = curve.recvStr();
        }
        assertEquals("status", heard);
        assertNull(plain.recv(), "a plaintext subscriber heard IOPub");
    }
}
