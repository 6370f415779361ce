package io.callisto.testing;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.callisto.sockets.ConnectingSockets;
import io.callisto.wire.Json;
import io.callisto.wire.MalformedMessageException;
import io.callisto.wire.Message;
import io.callisto.wire.MessageFactory;
import io.callisto.wire.Signer;
import io.callisto.wire.WireCodec;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.function.Predicate;
import org.awaitility.Awaitility;
import org.zeromq.SocketType;
import org.zeromq.ZMQ;

/**
 * A minimal Jupyter client over real ZeroMQ sockets, for tests: DEALER sockets for shell, control and stdin,
 * SUB for iopub, REQ for heartbeat. It collects every message it receives; tests wait for what they expect
 * with awaitility. Not thread-safe: one test thread drives it.
 */
public final class KernelClient implements AutoCloseable {
    public static final Duration TIMEOUT = Duration.ofSeconds(30);

    private final ZMQ.Context context = ZMQ.context(1);
    public final ZMQ.Socket shell;
    public final ZMQ.Socket control;
    public final ZMQ.Socket stdin;
    public final ZMQ.Socket iopub;
    public final ZMQ.Socket heartbeat;
    private final WireCodec codec;
    private final MessageFactory factory = new MessageFactory(Clock.systemUTC());
    private final ObjectNode connection;
    public final List<Message> iopubMessages = new ArrayList<>();
    public final List<Message> shellReplies = new ArrayList<>();
    public final List<Message> controlReplies = new ArrayList<>();
    public final List<Message> stdinMessages = new ArrayList<>();
    private final ConcurrentLinkedQueue<Message> unused = new ConcurrentLinkedQueue<>();

    KernelClient(ObjectNode connection) {
        this.connection = connection;
        codec = new WireCodec(Signer.of(connection.path("signature_scheme").asText(), connection.path("key").asText()));
        byte[] identity = UUID.randomUUID().toString().getBytes();
        shell = connect(SocketType.DEALER, "shell_port", identity);
        control = connect(SocketType.DEALER, "control_port", null);
        stdin = connect(SocketType.DEALER, "stdin_port", identity);
        iopub = connect(SocketType.SUB, "iopub_port", null);
        iopub.subscribe(new byte[0]);
        heartbeat = connect(SocketType.REQ, "hb_port", null);
    }

    private ZMQ.Socket connect(SocketType type, String port, byte[] identity) {
        ZMQ.Socket socket = context.socket(type);
        socket.setLinger(0);
        // A send that cannot go out fails the test instead of hanging it.
        socket.setSendTimeOut(10_000);
        if (identity != null) {
            socket.setIdentity(identity);
        }
        ConnectingSockets.beforeConnect(socket).connect("tcp://127.0.0.1:" + connection.path(port).asInt());
        return socket;
    }

    /** A request message with a fresh header, as jupyter_client builds it. */
    public Message request(String msgType, ObjectNode content) {
        return new Message(List.of(), factory.header(msgType), Json.object(), Json.object(), content, List.of());
    }

    public Message send(ZMQ.Socket socket, Message message) {
        sendFrames(socket, codec.encode(message));
        return message;
    }

    public void sendFrames(ZMQ.Socket socket, List<byte[]> frames) {
        for (int i = 0; i < frames.size(); i++) {
            socket.send(frames.get(i), i < frames.size() - 1 ? ZMQ.SNDMORE : 0);
        }
    }

    public List<byte[]> encode(Message message) {
        return codec.encode(message);
    }

    public Message execute(String code) {
        return execute(code, Json.object());
    }

    public Message execute(String code, ObjectNode extra) {
        ObjectNode content = Json.object();
        content.put("code", code);
        content.put("silent", false);
        content.put("store_history", true);
        content.putObject("user_expressions");
        content.put("allow_stdin", false);
        content.put("stop_on_error", true);
        content.setAll(extra);
        return send(shell, request("execute_request", content));
    }

    /** Reads whatever has arrived on every socket into the lists. */
    public void drain() {
        drainInto(shell, shellReplies);
        drainInto(control, controlReplies);
        drainInto(stdin, stdinMessages);
        drainInto(iopub, iopubMessages);
    }

    private void drainInto(ZMQ.Socket socket, List<Message> into) {
        while (true) {
            byte[] first = socket.recv(ZMQ.DONTWAIT);
            if (first == null) {
                return;
            }
            List<byte[]> frames = new ArrayList<>();
            frames.add(first);
            while (socket.hasReceiveMore()) {
                frames.add(socket.recv(0));
            }
            try {
                into.add(codec.decode(frames));
            } catch (MalformedMessageException e) {
                throw new AssertionError("the kernel sent a malformed message: " + e.getMessage(), e);
            }
        }
    }

    /** Waits until a message on the list matches, and returns it. */
    public Message await(List<Message> list, Predicate<Message> matches) {
        Message[] found = new Message[1];
        Awaitility.await().atMost(TIMEOUT).pollInSameThread().pollInterval(Duration.ofMillis(5)).until(() -> {
            drain();
            for (Message message : list) {
                if (matches.test(message)) {
                    found[0] = message;
                    return true;
                }
            }
            return false;
        });
        return found[0];
    }

    public Message awaitReply(Message request) {
        return await(shellReplies, reply -> isChild(reply, request));
    }

    public Message awaitControlReply(Message request) {
        return await(controlReplies, reply -> isChild(reply, request));
    }

    /** Waits for the idle status of a request, then returns all of its IOPub messages in order. */
    public List<Message> awaitIopub(Message request) {
        await(iopubMessages, message -> isChild(message, request) && message.msgType().equals("status")
                && message.content().path("execution_state").asText().equals("idle"));
        return iopubOf(request);
    }

    public List<Message> iopubOf(Message request) {
        drain();
        return iopubMessages.stream().filter(message -> isChild(message, request)).toList();
    }

    /** Runs code that must succeed and returns its execute_result's text/plain (null for none). */
    public String result(String code) {
        Message request = execute(code);
        Message reply = awaitReply(request);
        if (!reply.content().path("status").asText().equals("ok")) {
            throw new AssertionError("the cell failed: " + reply.content());
        }
        return resultText(awaitIopub(request));
    }

    /** The text/plain of the execute_result among a request's IOPub messages, or null. */
    public static String resultText(List<Message> iopub) {
        return iopub.stream().filter(m -> m.msgType().equals("execute_result"))
                .map(m -> m.content().path("data").path("text/plain").asText()).findFirst().orElse(null);
    }

    /** All the stream text among a request's IOPub messages, stdout and stderr in order. */
    public static String streamText(List<Message> iopub) {
        return iopub.stream().filter(m -> m.msgType().equals("stream")).map(m -> m.content().path("text").asText())
                .collect(java.util.stream.Collectors.joining());
    }

    public static boolean isChild(Message message, Message request) {
        return message.parentHeader().path("msg_id").asText().equals(request.msgId());
    }

    /**
     * Waits until the iopub subscription is live, as jupyter_client's wait_for_ready does: kernel_info
     * probes until one's status arrives on iopub. PUB drops what it sends before a subscriber has joined.
     * Forgets what the probes brought, so tests see only their own traffic.
     */
    public void awaitReady() {
        awaitProbeOnIopub();
        drain();
        iopubMessages.clear();
        shellReplies.clear();
    }

    private void awaitProbeOnIopub() {
        // Conditions run on this thread: ZeroMQ sockets must not move between threads mid-use.
        Awaitility.await().atMost(TIMEOUT).pollInSameThread().pollInterval(Duration.ofMillis(200)).until(() -> {
            Message probe = send(shell, request("kernel_info_request", Json.object()));
            try {
                Awaitility.await().atMost(Duration.ofSeconds(1)).pollInSameThread().pollInterval(Duration.ofMillis(5))
                        .until(() -> {
                            drain();
                            return iopubMessages.stream().anyMatch(m -> isChild(m, probe));
                        });
                return true;
            } catch (org.awaitility.core.ConditionTimeoutException notYet) {
                return false;
            }
        });
    }

    @Override
    public void close() {
        for (ZMQ.Socket socket : List.of(shell, control, stdin, iopub, heartbeat)) {
            socket.close();
        }
        context.term();
    }
}
