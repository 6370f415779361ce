package io.callisto.kernel;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.callisto.commbridge.CommBridge;
import io.callisto.debugger.Debugger;
import io.callisto.engine.Engine;
import io.callisto.magics.CellRunner;
import io.callisto.history.HistoryStore;
import io.callisto.protocol.Replies;
import io.callisto.protocol.Requests;
import io.callisto.sockets.Channel;
import io.callisto.sockets.ConnectionInfo;
import io.callisto.sockets.KernelSockets;
import io.callisto.subshells.SubshellCells;
import io.callisto.subshells.Subshells;
import io.callisto.wire.Json;
import io.callisto.wire.MalformedMessageException;
import io.callisto.wire.Message;
import io.callisto.wire.MessageFactory;
import io.callisto.wire.Signer;
import io.callisto.wire.Timestamps;
import io.callisto.wire.WireCodec;
import java.time.Clock;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.function.Function;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The kernel's state machine. Shell requests queue up and run one at a time on the shell thread; control
 * requests run on the control thread, so an interrupt or shutdown is served while a cell runs. Every request,
 * whatever its type and however it ends, is wrapped in IOPub busy and idle, with its outputs and reply in
 * between. A failed execute with stop_on_error aborts the executes already queued behind it, up to a sentinel
 * queued at the moment of failure.
 */
public final class Kernel implements KernelSockets.Inbox {
    private static final Logger LOG = Logger.getLogger(Kernel.class.getName());
    private static final Set<String> EXECUTES = Set.of("execute_request");
    private static final Set<String> COMMS = Set.of("comm_open", "comm_msg", "comm_close");
    private static final Request STOP_ABORTING = new Request(null, null);

    @FunctionalInterface
    private interface Handler {
        void handle(Request request) throws Exception;
    }

    private final KernelSockets sockets;
    private final WireCodec codec;
    private final Outbound outbound;
    private final StreamPublisher streams;
    private final StdinBridge stdin;
    private final DisplayPublisher displays;
    private final CommBridge comms;
    private final CellMagics magics;
    private final CompletableFuture<Engine> engine;
    private final Thread engineStarter;
    private final Clock clock;
    private final HistoryStore history;
    private final String engineId = UUID.randomUUID().toString();
    private final Map<String, Handler> shellHandlers = new HashMap<>();
    private final Map<String, Handler> controlHandlers = new HashMap<>();
    private final BlockingQueue<Request> shellQueue = new LinkedBlockingQueue<>();
    private final BlockingQueue<Request> controlQueue = new LinkedBlockingQueue<>();
    /** The frontend's comm messages: a thread of their own, so a handler runs while a cell does. */
    private final BlockingQueue<Request> commQueue = new LinkedBlockingQueue<>();
    private final Map<String, Handler> commHandlers = new HashMap<>();
    /** Kernel subshells (JEP 91): shell requests naming one run on its thread, with these handlers. */
    private final SubshellCells subshellCells;
    private final Subshells subshells;
    private final Map<String, Handler> subshellHandlers = new HashMap<>();
    private final CountDownLatch shutdown = new CountDownLatch(1);
    private final Usage usage = new Usage();
    private final Debugger debugger;
    /** The debug_request last answered, which debug_events are parented to (ipykernel does the same). */
    private volatile Message debugParent;
    /** Live variables after the last cell, kept by the shell thread for usage_request on control. */
    private volatile int namespaceSize;
    private volatile boolean aborting;
    private volatile boolean shutdownAnswered;
    private int executionCount;

    /**
     * @param engineFactory builds the engine from the cells' stdout, stderr and stdin; it runs in the
     *                      background from {@link #start} on, once the sockets are bound, so that kernel_info is answered
     *                      while JShell and the executor start
     */
    public Kernel(ConnectionInfo connection, Clock clock, HistoryStore history, Function<Streams, Engine> engineFactory) {
        this.clock = clock;
        this.history = history;
        this.codec = new WireCodec(Signer.of(connection.signatureScheme(), connection.key()));
        this.sockets = new KernelSockets(connection, this);
        this.outbound = new Outbound(sockets, codec, new MessageFactory(clock));
        this.streams = new StreamPublisher(outbound, outputLimitBytes());
        this.stdin = new StdinBridge(outbound, streams);
        this.comms = new CommBridge(outbound::publish, streams::parent, this::engine);
        this.subshellCells = new SubshellCells(new SubshellCells.Wire() {
            @Override
            public void publish(String msgType, Message parent, Object content) {
                outbound.publish(msgType, parent, content);
            }

            @Override
            public void reply(Message request, String msgType, Object content, ObjectNode metadata) {
                outbound.reply(new Request(Channel.SHELL, request), msgType, content, metadata);
            }
        }, this::engine, clock, engineId);
        this.subshells = new Subshells(subshellCells::ended);
        this.displays = new DisplayPublisher(outbound, streams, comms::fromExecutor, subshellCells::fromExecutor);
        this.engine = new CompletableFuture<>();
        this.magics = new CellMagics(streams, outbound, this::engine);
        Streams cellStreams = new Streams(streams.stream("stdout"), streams.stream("stderr"), displays, stdin,
                magics::runForCell);
        engineStarter = new Thread(() -> {
            try {
                engine.complete(engineFactory.apply(cellStreams));
            } catch (Throwable e) {
                LOG.log(Level.SEVERE, "the execution engine could not start", e);
                engine.completeExceptionally(e);
            }
        }, "callisto-engine-start");
        engineStarter.setDaemon(true);

        shellHandlers.put("kernel_info_request", this::kernelInfo);
        shellHandlers.put("execute_request", this::execute);
        EditorRequests editor = new EditorRequests(outbound, this::engine, history);
        shellHandlers.put("complete_request", editor::complete);
        shellHandlers.put("inspect_request", editor::inspect);
        shellHandlers.put("is_complete_request", editor::isComplete);
        shellHandlers.put("history_request", editor::history);
        shellHandlers.put("comm_info_request", this::commInfo);
        shellHandlers.put("shutdown_request", this::shutdown);

        // Control takes every shell type but execute (ipykernel's control_msg_types), plus its own.
        shellHandlers.forEach((type, handler) -> {
            if (!EXECUTES.contains(type)) {
                controlHandlers.put(type, handler);
            }
        });
        controlHandlers.put("interrupt_request", this::interrupt);
        routeSubshells();
        for (String type : COMMS) {
            commHandlers.put(type, request -> comms.fromFrontend(request.message()));
        }
        // The Jupyter debug protocol: DAP over control, served in order on the control thread.
        debugger = new Debugger(this::debugTarget, event -> outbound.publish("debug_event", debugParent, event),
                this::interruptRunningCell);
        controlHandlers.put("debug_request", request -> {
            debugParent = request.message();
            outbound.reply(request, "debug_reply", debugger.handle(request.message().content()), null);
        });
        // ipykernel's extension, which jupyter-resource-usage asks on control for the kernel's CPU and memory.
        controlHandlers.put("usage_request", request ->
                outbound.reply(request, "usage_reply", usage.sample(namespaceSize), null));
    }

    private static long outputLimitBytes() {
        String configured = System.getenv("CALLISTO_OUTPUT_LIMIT_MB");
        try {
            return (configured == null || configured.isBlank() ? 50 : Long.parseLong(configured.strip())) * 1024 * 1024;
        } catch (NumberFormatException e) {
            LOG.warning("CALLISTO_OUTPUT_LIMIT_MB is not a number: " + configured + "; using 50");
            return 50L * 1024 * 1024;
        }
    }

    /** What cells read and write, and the magics their code calls: handed to the engine when it is built. */
    public record Streams(java.io.OutputStream stdout, java.io.OutputStream stderr, java.io.OutputStream display,
            io.callisto.engine.InputSource stdin, io.callisto.engine.MagicRunner magics) {
    }

    public void start() {
        sockets.start();
        // The engine starts only now: its executor and listeners take ephemeral ports, and one of them could
        // be a port the connection file names, free when the client chose it but not yet bound here (the
        // kernel then died with "Address already in use" before its first kernel_info).
        engineStarter.start();
        outbound.publish("status", null, new Replies.Status("starting"));
        startWorker("callisto-shell", shellQueue, shellHandlers);
        startWorker("callisto-control", controlQueue, controlHandlers);
        startWorker("callisto-comm", commQueue, commHandlers);
        LOG.info("Callisto kernel started, session " + outbound.factory().session());
    }

    /** Where the kernel listens: the connection file's, with the ports it chose where that said 0; null before start. */
    public ConnectionInfo connection() {
        return sockets.bound();
    }

    /** Blocks until a shutdown_request has been answered. */
    public void awaitShutdown() throws InterruptedException {
        shutdown.await();
    }

    /** Ends the kernel as an answered shutdown_request does, with no request to answer: its client is gone. */
    public void shutdownUnasked(String reason) {
        LOG.info("shutting down: " + reason);
        shutdown.countDown();
    }

    /** Stops the engine (and its executor JVM) and closes the sockets after what is queued has gone out. */
    public void close() {
        streams.close();
        sockets.close();
        engine.thenAccept(Engine::close);
    }

    /** Stops the running cell; for interrupt_request and SIGINT. */
    public void interruptRunningCell() {
        // The stop first: a cell blocked reading stdin receives it the moment the refused read returns.
        if (engine.isDone() && !engine.isCompletedExceptionally()) {
            engine.join().interrupt();
        }
        // A cell stopped at a breakpoint resumes, so the stop lands.
        debugger.interrupted();
        magics.interrupt();
        stdin.interrupt();
    }

    // ---- receiving (I/O thread) ----

    @Override
    public void received(Channel channel, List<byte[]> frames) {
        Message message;
        try {
            message = codec.decode(frames);
        } catch (MalformedMessageException e) {
            LOG.warning("dropped a message on " + channel + ": " + e.getMessage());
            return;
        }
        switch (channel) {
            case SHELL -> routeShell(new Request(channel, message));
            case CONTROL -> controlQueue.add(new Request(channel, message));
            case STDIN -> {
                if ("input_reply".equals(message.msgType())) {
                    stdin.received(message);
                } else {
                    LOG.warning("ignored a " + message.msgType() + " on the stdin channel");
                }
            }
            default -> LOG.warning("ignored a message on " + channel);
        }
    }

    /** A client subscribed to IOPub: its iopub_welcome, which the I/O thread sends before anything else. */
    @Override
    public List<byte[]> subscribed(byte[] topic) {
        return outbound.welcome(topic);
    }

    /**
     * Comm messages go to the comm thread whichever subshell they name (the executor handles comms on a thread
     * of its own anyway); other requests to the parent shell's queue or to their subshell's.
     */
    private void routeShell(Request request) {
        String subshell = Subshells.idOf(request.message());
        if (COMMS.contains(request.msgType())) {
            commQueue.add(request);
        } else if (subshell == null) {
            shellQueue.add(request);
        } else if (!subshells.submit(subshell, () -> dispatch(request, subshellHandlers))) {
            LOG.warning("a " + request.msgType() + " for the unknown subshell " + subshell);
            if (request.msgType().endsWith("_request")) {
                outbound.publish("status", request.message(), new Replies.Status("busy"));
                outbound.reply(request, request.replyType(), Subshells.unknown(subshell), null);
                outbound.publish("status", request.message(), new Replies.Status("idle"));
            }
        }
    }

    /** Subshells are made, listed and deleted on control; on one, shell requests are answered as on the parent. */
    private void routeSubshells() {
        controlHandlers.put("create_subshell_request", request ->
                outbound.reply(request, "create_subshell_reply", subshells.create(), null));
        controlHandlers.put("list_subshell_request", request ->
                outbound.reply(request, "list_subshell_reply", subshells.list(), null));
        controlHandlers.put("delete_subshell_request", request ->
                outbound.reply(request, "delete_subshell_reply", subshells.delete(request.message().content()), null));
        subshellHandlers.putAll(shellHandlers);
        subshellHandlers.put("execute_request", request ->
                subshellCells.execute(Subshells.idOf(request.message()), request.message()));
    }

    // ---- the state machine (shell and control threads) ----

    private void startWorker(String name, BlockingQueue<Request> queue, Map<String, Handler> handlers) {
        Thread worker = new Thread(() -> {
            while (true) {
                Request request;
                try {
                    request = queue.take();
                } catch (InterruptedException e) {
                    return;
                }
                if (request == STOP_ABORTING) {
                    aborting = false;
                } else {
                    dispatch(request, handlers);
                }
            }
        }, name);
        worker.setDaemon(true);
        worker.start();
    }

    private void dispatch(Request request, Map<String, Handler> handlers) {
        long dispatchStart = System.nanoTime();
        String started = Timestamps.now(clock);
        outbound.publish("status", request.message(), new Replies.Status("busy"));
        try {
            Handler handler = handlers.get(request.msgType());
            if (request.channel() == Channel.SHELL && aborting && EXECUTES.contains(request.msgType())
                    && Subshells.idOf(request.message()) == null) {
                abort(request, started);
            } else if (handler == null) {
                LOG.warning("unknown message type " + request.msgType() + " on " + request.channel());
            } else {
                handler.handle(request);
            }
        } catch (IllegalArgumentException e) {
            // Content of the wrong shape (a string where a number belongs): the client's mistake, not ours.
            LOG.warning("bad content in a " + request.msgType() + ": " + e.getMessage().lines().findFirst().orElse(""));
            outbound.reply(request, request.replyType(),
                    new Replies.ErrorReply("BadRequest", "the " + request.msgType() + " content is malformed"), null);
        } catch (Exception | Error e) {
            LOG.log(Level.SEVERE, "failed to handle a " + request.msgType(), e);
            outbound.reply(request, request.replyType(),
                    new Replies.ErrorReply("KernelError", "Callisto failed to handle " + request.msgType() + ": " + e), null);
        } finally {
            streams.flush();
            outbound.publish("status", request.message(), new Replies.Status("idle"));
            if (shutdownAnswered) {
                shutdown.countDown();
            }
            LOG.fine(() -> request.msgType() + " handled in " + (System.nanoTime() - dispatchStart) / 1_000_000.0 + " ms");
        }
    }

    /** How long a kernel_info_request on shell waits for the engine to start, in s. */
    private static final long READY_WAIT_S = 30;

    private Engine engine() {
        return engine.join();
    }

    /**
     * The engine once it has started, waiting for it at most {@code seconds}.
     *
     * @return the engine, or null when it failed to start or is not up within that time
     */
    private Engine startedEngine(long seconds) {
        try {
            return engine.get(seconds, java.util.concurrent.TimeUnit.SECONDS);
        } catch (java.util.concurrent.ExecutionException | java.util.concurrent.TimeoutException e) {
            return null;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return null;
        }
    }

    /** The engine's debug target, waiting for the engine while it starts (a client may start debugging at once). */
    private io.callisto.engine.DebugTarget debugTarget() {
        Engine started = startedEngine(60);
        return started == null ? null : started.debugTarget();
    }

    /**
     * On shell, the reply waits for JShell and the executor to be up (at most {@value #READY_WAIT_S} s), as
     * ipykernel and JJava answer once they can run a cell: clients take this reply as "ready", and a kernel that
     * answered earlier kept a core busy for about a second after it, with the user's first cell waiting behind.
     * On control it answers at once, so control stays free for an interrupt or a shutdown meanwhile.
     */
    private void kernelInfo(Request request) {
        if (request.channel() == Channel.SHELL) {
            startedEngine(READY_WAIT_S);  // answered all the same if it did not start: a cell then says why
        }
        outbound.reply(request, "kernel_info_reply", KernelInfo.reply(), null);
    }

    private void execute(Request request) {
        String started = Timestamps.now(clock);
        Requests.ExecuteRequest execute = Json.fromObject(request.message().content(), Requests.ExecuteRequest.class);
        if (execute.storesHistory()) {
            executionCount++;
        }
        int count = executionCount;
        if (!execute.isSilent()) {
            outbound.publish("execute_input", request.message(), new Replies.ExecuteInput(execute.source(), count));
        }
        streams.attachTo(request.message(), execute.isSilent());
        stdin.attachTo(request.message(), execute.stdinAllowed());
        Engine.CellOutcome outcome;
        Map<String, Object> userExpressions = new LinkedHashMap<>();
        try {
            Engine cells = engine();
            long engineStart = System.nanoTime();
            magics.cellStarted(count);
            cells.cellStarting(request.message().header().path("msg_id").asText(null));
            outcome = CellRunner.hasMagic(execute.source())
                    ? magics.run(cells, execute.source(), count)
                    : cells.execute(execute.source(), count);
            long engineNanos = System.nanoTime() - engineStart;
            LOG.fine(() -> "cell " + count + " ran in the engine for " + engineNanos / 1_000_000.0 + " ms");
            if (outcome instanceof Engine.Success) {
                cells.evaluate(execute.userExpressions()).forEach((name, value) -> userExpressions.put(name, userExpression(value)));
            }
        } catch (RuntimeException e) {
            LOG.log(Level.SEVERE, "the engine failed", e);
            Throwable cause = e.getCause() != null ? e.getCause() : e;
            outcome = new Engine.Failure("KernelError", "Callisto could not run the cell: " + cause.getMessage(), List.of(String.valueOf(cause)));
        } finally {
            stdin.detach();
        }
        streams.flush();
        comms.executorMaybeReplaced();
        try {
            namespaceSize = engine().variableCount();
        } catch (RuntimeException e) {
            LOG.fine(() -> "no variable count: " + e);
        }
        if (execute.storesHistory()) {
            history.add(count, execute.source(), outcome instanceof Engine.Success success ? success.resultText() : null);
        }
        ObjectNode rich = displays.takeRichResult();
        if (outcome instanceof Engine.Success success) {
            if (success.resultText() != null && !execute.isSilent()) {
                ObjectNode result = Json.object();
                result.put("execution_count", count);
                ObjectNode data = rich != null && rich.path("data").isObject() ? ((ObjectNode) rich.get("data")).deepCopy() : Json.object();
                // text/plain as the renderer gave it, else as jshell shows the value (strings quoted).
                if (!data.has("text/plain")) {
                    data.put("text/plain", success.resultText());
                }
                result.set("data", data);
                result.set("metadata", rich != null && rich.path("metadata").isObject() ? rich.get("metadata") : Json.object());
                outbound.publish("execute_result", request.message(), result);
            }
            publishAfterCell(request, execute.isSilent());
            outbound.reply(request, "execute_reply", new Replies.ExecuteOk(count, userExpressions), replyMetadata(started, "ok"));
        } else {
            Engine.Failure failure = (Engine.Failure) outcome;
            publishAfterCell(request, execute.isSilent());
            if (!execute.isSilent()) {
                outbound.publish("error", request.message(),
                        new Replies.ExecuteError(null, null, failure.ename(), failure.evalue(), failure.traceback()));
            }
            if (!execute.isSilent() && execute.stopsOnError()) {
                // Before the reply: a client that answers the reply with a new execute must not be aborted.
                aborting = true;
                shellQueue.add(STOP_ABORTING);
            }
            outbound.reply(request, "execute_reply",
                    new Replies.ExecuteError("error", count, failure.ename(), failure.evalue(), failure.traceback()),
                    replyMetadata(started, "error"));
        }
    }

    private void publishAfterCell(Request request, boolean silent) {
        for (ObjectNode content : displays.takeAfterCell()) {
            if (!silent) {
                outbound.publish("display_data", request.message(), content);
            }
        }
    }

    private static Map<String, Object> userExpression(Engine.CellOutcome outcome) {
        if (outcome instanceof Engine.Success success) {
            return Map.of("status", "ok",
                    "data", Map.of("text/plain", success.resultText() == null ? "" : success.resultText()),
                    "metadata", Map.of());
        }
        Engine.Failure failure = (Engine.Failure) outcome;
        return Map.of("status", "error", "ename", failure.ename(), "evalue", failure.evalue(), "traceback", failure.traceback());
    }

    private void abort(Request request, String started) {
        outbound.reply(request, "execute_reply", new Replies.ExecuteAborted(executionCount), replyMetadata(started, "aborted"));
    }

    private ObjectNode replyMetadata(String started, String status) {
        return Json.toObject(new Replies.ExecuteReplyMetadata(started, engineId, status));
    }

    private void commInfo(Request request) {
        JsonNode target = request.message().content().path("target_name");
        outbound.reply(request, "comm_info_reply", comms.commInfo(target.isTextual() ? target.asText() : null), null);
    }

    private void interrupt(Request request) {
        interruptRunningCell();
        outbound.reply(request, "interrupt_reply", new Replies.InterruptReply("ok"), null);
    }

    private void shutdown(Request request) {
        Requests.ShutdownRequest shutdownRequest = Json.fromObject(request.message().content(), Requests.ShutdownRequest.class);
        Replies.ShutdownReply reply = new Replies.ShutdownReply("ok", shutdownRequest.restarts());
        outbound.reply(request, "shutdown_reply", reply, null);
        outbound.publish("shutdown_reply", request.message(), reply);
        shutdownAnswered = true;
    }
}
