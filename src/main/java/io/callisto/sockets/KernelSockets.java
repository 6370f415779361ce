package io.callisto.sockets;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.Pipe;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.zeromq.SocketType;
import org.zeromq.ZMQ;

/**
 * Owns the kernel's ZeroMQ sockets. ZeroMQ sockets are not thread-safe, so one I/O thread does every
 * receive and send on shell, control, stdin and iopub; other threads hand it frames with {@link #send}, which
 * wakes it through a pipe. IOPub is an XPUB socket: each client's subscription is read there and answered with the
 * kernel's iopub_welcome (messaging spec 5.5). The I/O thread blocks in poll with no timeout, so an idle kernel uses no CPU.
 * The heartbeat echoes on its own thread.
 */
public final class KernelSockets implements AutoCloseable {
    private static final Logger LOG = Logger.getLogger(KernelSockets.class.getName());
    private static final int LINGER_MS = 1000;
    /** Messages queued per peer (an IOPub subscriber, a shell client) before ZeroMQ drops; most are a few hundred bytes. */
    private static final int SEND_HWM = 100_000;

    /** Receives every multipart message that arrives on shell, control or stdin, on the I/O thread. */
    public interface Inbox {
        void received(Channel channel, List<byte[]> frames);

        /**
         * A client subscribed to IOPub {@code topic}, on the I/O thread; returns the frames to publish at once (the
         * signed iopub_welcome), ahead of anything queued, or an empty list.
         */
        default List<byte[]> subscribed(byte[] topic) {
            return List.of();
        }
    }

    private record Outgoing(Channel channel, List<byte[]> frames) {
    }

    private final ConnectionInfo connection;
    private final Inbox inbox;
    private final ZMQ.Context context = ZMQ.context(1);
    private final Map<Channel, ZMQ.Socket> sockets = new EnumMap<>(Channel.class);
    private final Queue<Outgoing> outbox = new ConcurrentLinkedQueue<>();
    private final Pipe wakeup;
    private final CountDownLatch ioStopped = new CountDownLatch(1);
    private volatile boolean closing;
    private Thread ioThread;
    private Thread heartbeatThread;
    private volatile ConnectionInfo bound;

    public KernelSockets(ConnectionInfo connection, Inbox inbox) {
        this.connection = connection;
        this.inbox = inbox;
        try {
            wakeup = Pipe.open();
            wakeup.source().configureBlocking(false);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot open the I/O thread's wake-up pipe", e);
        }
    }

    /**
     * Binds every socket to the connection file's transport, ip and ports (choosing where a port is 0),
     * then starts the threads.
     */
    public void start() {
        int shell = bind(Channel.SHELL, SocketType.ROUTER, connection.shellPort());
        int control = bind(Channel.CONTROL, SocketType.ROUTER, connection.controlPort());
        int stdin = bind(Channel.STDIN, SocketType.ROUTER, connection.stdinPort());
        int iopub = bind(Channel.IOPUB, SocketType.XPUB, connection.iopubPort());
        Heartbeat heartbeat = new Heartbeat(context, connection);
        bound = connection.withPorts(shell, iopub, stdin, control, heartbeat.port());
        heartbeatThread = new Thread(heartbeat, "callisto-heartbeat");
        heartbeatThread.setDaemon(true);
        heartbeatThread.start();
        ioThread = new Thread(this::ioLoop, "callisto-io");
        ioThread.setDaemon(true);
        ioThread.start();
    }

    /** The connection with the ports actually bound; null before {@link #start}. */
    public ConnectionInfo bound() {
        return bound;
    }

    private int bind(Channel channel, SocketType type, int port) {
        ZMQ.Socket socket = context.socket(type);
        socket.setLinger(LINGER_MS);
        if (type == SocketType.ROUTER) {
            // A reply to a peer that has gone is dropped rather than raised (ZMQ_ROUTER_MANDATORY off)...
            socket.setRouterMandatory(false);
            // ...but one to a peer merely slow to read must wait: past its high-water mark (1000 messages) a
            // ROUTER drops silently, which a client sending thousands of requests over CurveZMQ, whose
            // encryption slows the sending, met (a few hundred of 3000 replies lost).
            socket.setSndHWM(SEND_HWM);
            // A ROUTER's receive queue is unbounded: when it reaches its high-water mark over CurveZMQ, JeroMQ
            // loses the message that met the mark (zeromq/jeromq#1009; a flood of 3000 kernel_info requests lost
            // the 1001st). Requests are read as fast as they come and queued by the kernel anyway.
            socket.setRcvHWM(0);
        }
        if (type == SocketType.XPUB) {
            // A PUB socket drops what passes its high-water mark (ZeroMQ's default: 1000 messages a subscriber),
            // and a dropped idle leaves its client waiting forever: let a slow reader fall further behind.
            socket.setSndHWM(SEND_HWM);
            // Every subscription reaches recv, not only a topic's first, so every client gets its iopub_welcome.
            socket.setXpubVerbose(true);
        }
        sockets.put(channel, socket);
        return bind(socket, connection, port);
    }

    /**
     * Binds to the connection's ip only. Port 0 is chosen in the bind itself, as ipykernel does: a free
     * tcp port from the system, or the first unused ipc path; nothing can take it between choice and bind.
     *
     * @return the port bound
     * @throws org.zeromq.ZMQException if the bind fails (the address is in use, say)
     */
    static int bind(ZMQ.Socket socket, ConnectionInfo connection, int port) {
        secure(socket, connection);
        if (port != 0) {
            socket.bind(connection.endpoint(port));
            return port;
        }
        if ("ipc".equals(connection.transport())) {
            int free = 1;
            while (Files.exists(Path.of(connection.ip() + "-" + free))) {
                free++;
            }
            socket.bind(connection.endpoint(free));
            return free;
        }
        socket.bind(connection.transport() + "://" + connection.ip() + ":*");
        String endpoint = socket.getLastEndpoint();
        return Integer.parseInt(endpoint.substring(endpoint.lastIndexOf(':') + 1));
    }

    /**
     * With the connection's curve keys, makes the socket a CurveZMQ server before it binds: every peer must
     * know the server's public key, and all traffic is encrypted. Any client key is accepted (no ZAP
     * allow-list), as jupyter_client's heartbeat makes a fresh keypair. Without keys the socket is unchanged.
     */
    static void secure(ZMQ.Socket socket, ConnectionInfo connection) {
        if (!connection.encrypted()) {
            return;
        }
        socket.setCurveServer(true);
        socket.setCurveSecretKey(ZMQ.Curve.z85Decode(connection.curveSecretKey()));
        if (!connection.curvePublicKey().isEmpty()) {
            socket.setCurvePublicKey(ZMQ.Curve.z85Decode(connection.curvePublicKey()));
        }
    }

    /** Queues frames for the I/O thread to send; safe from any thread. Dropped once closing. */
    public void send(Channel channel, List<byte[]> frames) {
        if (closing) {
            LOG.fine(() -> "not sent, sockets closing: a " + channel + " message");
            return;
        }
        outbox.add(new Outgoing(channel, frames));
        wake();
    }

    private void wake() {
        try {
            wakeup.sink().write(ByteBuffer.wrap(new byte[] {1}));
        } catch (IOException e) {
            LOG.log(Level.FINE, "wake-up pipe closed", e);
        }
    }

    private void ioLoop() {
        ZMQ.Poller poller = context.poller(5);
        List<Channel> polled = List.of(Channel.SHELL, Channel.CONTROL, Channel.STDIN, Channel.IOPUB);
        for (Channel channel : polled) {
            poller.register(sockets.get(channel), ZMQ.Poller.POLLIN);
        }
        int wakeIndex = poller.register(wakeup.source(), ZMQ.Poller.POLLIN);
        ByteBuffer drain = ByteBuffer.allocate(256);
        try {
            while (true) {
                poller.poll(-1);
                for (int i = 0; i < polled.size(); i++) {
                    if (poller.pollin(i)) {
                        receiveAll(polled.get(i));
                    }
                }
                if (poller.pollin(wakeIndex)) {
                    do {
                        drain.clear();
                    } while (wakeup.source().read(drain) > 0);
                }
                sendQueued();
                if (closing) {
                    break;
                }
            }
        } catch (RuntimeException | IOException e) {
            if (!closing) {
                LOG.log(Level.SEVERE, "the I/O thread failed", e);
            }
        } finally {
            poller.close();
            sockets.values().forEach(ZMQ.Socket::close);
            ioStopped.countDown();
        }
    }

    private void receiveAll(Channel channel) {
        ZMQ.Socket socket = sockets.get(channel);
        if (channel == Channel.IOPUB) {
            receiveSubscriptions(socket);
            return;
        }
        while (true) {
            byte[] first = socket.recv(ZMQ.DONTWAIT);
            if (first == null) {
                return;
            }
            List<byte[]> frames = new ArrayList<>(8);
            frames.add(first);
            while (socket.hasReceiveMore()) {
                frames.add(socket.recv(0));
            }
            try {
                inbox.received(channel, frames);
            } catch (RuntimeException e) {
                LOG.log(Level.SEVERE, "a received " + channel + " message could not be handed over", e);
            }
        }
    }

    /** XPUB hands up (un)subscriptions: 1 + topic to subscribe, 0 + topic to unsubscribe; each is welcomed at once. */
    private void receiveSubscriptions(ZMQ.Socket iopub) {
        byte[] frame;
        while ((frame = iopub.recv(ZMQ.DONTWAIT)) != null) {
            if (frame.length == 0 || frame[0] != 1) {
                continue;
            }
            byte[] topic = java.util.Arrays.copyOfRange(frame, 1, frame.length);
            try {
                List<byte[]> welcome = inbox.subscribed(topic);
                for (int i = 0; i < welcome.size(); i++) {
                    iopub.send(welcome.get(i), i < welcome.size() - 1 ? ZMQ.SNDMORE : 0);
                }
            } catch (RuntimeException e) {
                LOG.log(Level.SEVERE, "an IOPub subscription could not be welcomed", e);
            }
        }
    }

    private void sendQueued() {
        boolean iopubSent = false;
        Outgoing next;
        while ((next = outbox.poll()) != null) {
            ZMQ.Socket socket = sockets.get(next.channel());
            if (next.channel() == Channel.IOPUB) {
                // A send applies subscriptions that have just arrived: welcome them first, so the welcome leads.
                receiveSubscriptions(socket);
                iopubSent = true;
            }
            // On iopub the first frame is the topic, which the kernel layer puts where identities go.
            List<byte[]> frames = next.frames();
            for (int i = 0; i < frames.size(); i++) {
                socket.send(frames.get(i), i < frames.size() - 1 ? ZMQ.SNDMORE : 0);
            }
        }
        if (iopubSent) {
            // Those sends may have taken in a subscription and the wake-up signal with it, which poll then misses.
            receiveSubscriptions(sockets.get(Channel.IOPUB));
        }
    }

    /** Sends what is already queued, closes the sockets (lingering up to a second) and stops the threads. */
    @Override
    public void close() {
        if (closing) {
            return;
        }
        closing = true;
        wake();
        try {
            if (ioThread != null && !ioStopped.await(2, TimeUnit.SECONDS)) {
                LOG.warning("the I/O thread did not stop within 2 s");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        Thread terminator = new Thread(context::term, "callisto-zmq-term");
        terminator.setDaemon(true);
        terminator.start();
        try {
            terminator.join(LINGER_MS + 500);
            wakeup.sink().close();
            wakeup.source().close();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (IOException e) {
            LOG.log(Level.FINE, "closing the wake-up pipe", e);
        }
    }
}
