package io.callisto.engine;

import io.callisto.executor.NestedProtocol;
import io.callisto.executor.NestedProtocol.Answer;
import io.callisto.executor.NestedProtocol.Request;
import java.io.BufferedOutputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.ByteBuffer;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.function.Consumer;
import java.util.logging.Level;
import java.util.logging.Logger;
import java.util.stream.Collectors;
import jdk.jshell.DeclarationSnippet;
import jdk.jshell.Diag;
import jdk.jshell.EvalException;
import jdk.jshell.JShell;
import jdk.jshell.Snippet;
import jdk.jshell.SnippetEvent;
import jdk.jshell.UnresolvedReferenceException;
import jdk.jshell.execution.StreamingExecutionControl;
import jdk.jshell.spi.ExecutionControl;

/**
 * The kernel's side of IJava's {@code eval} and of magics with computed arguments, called by a running cell
 * ({@link NestedProtocol}). Requests arrive on JShell's multiplexed stream (parsed on JShell's reader thread);
 * a thread of its own serves them: an eval goes to the session's {@code JShell.eval} while the cell's own
 * eval is still waiting for its snippet, and JShell's commands for the nested snippets go to the executor on
 * the nested socket ({@link ExecutorConnection} routes them here), where the cell's thread serves them. A
 * magic runs in the kernel JVM through the {@link MagicRunner}. Every request gets an answer, which ends the
 * executor's wait.
 */
final class NestedEval extends OutputStream {
    private static final Logger LOG = Logger.getLogger(NestedEval.class.getName());
    private static final Request EXECUTOR_GONE = new Request((byte) 0, "", List.of(), null);

    /**
     * What serving needs from the engine.
     *
     * @param magics runs magics in the kernel JVM
     * @param recorded takes the events of each snippet an eval ran, as the engine takes a cell's
     */
    record Services(MagicRunner magics, Consumer<List<SnippetEvent>> recorded) {
    }

    private final ByteArrayOutputStream partial = new ByteArrayOutputStream();
    private final BlockingQueue<Request> requests = new LinkedBlockingQueue<>();
    private final Socket socket;
    private final ObjectOutputStream out;
    private final Services services;
    private ExecutionControl commands;
    private volatile JShell shell;
    private volatile ExecutorConnection connection;

    NestedEval(Socket socket, Process executor, Services services) throws IOException {
        this.socket = socket;
        this.services = services;
        // The stream header goes now; the executor opens its end on its first eval.
        this.out = new ObjectOutputStream(new BufferedOutputStream(socket.getOutputStream(), 1 << 16));
        out.flush();
        executor.onExit().thenRun(() -> requests.add(EXECUTOR_GONE));
        Thread thread = new Thread(this::serve, "callisto-nested");
        thread.setDaemon(true);
        thread.start();
    }

    /** The session's JShell and connection, once built: evals before then are refused. */
    void attach(JShell shell, ExecutorConnection connection) {
        this.connection = connection;
        this.shell = shell;
    }

    /**
     * The channel for JShell's commands while the cell's own invoke holds the command socket: only ever used
     * on this class's thread, within an eval.
     */
    synchronized ExecutionControl commands() throws IOException {
        if (commands == null) {
            commands = new StreamingExecutionControl(out, new ObjectInputStream(socket.getInputStream()));
        }
        return commands;
    }

    /** Bytes of requests, in packets of any size: each request is a 4-byte length and its fields. */
    @Override
    public synchronized void write(int b) {
        partial.write(b);
        takeRequests();
    }

    @Override
    public synchronized void write(byte[] bytes, int offset, int length) {
        partial.write(bytes, offset, length);
        takeRequests();
    }

    private void takeRequests() {
        byte[] buffered = partial.toByteArray();
        int at = 0;
        while (buffered.length - at >= 4) {
            int length = ByteBuffer.wrap(buffered, at, 4).getInt();
            if (buffered.length - at - 4 < length) {
                break;
            }
            byte[] payload = java.util.Arrays.copyOfRange(buffered, at + 4, at + 4 + length);
            at += 4 + length;
            try {
                requests.add(NestedProtocol.decode(payload));
            } catch (IOException e) {
                LOG.warning("a malformed eval request from the executor: " + e);
            }
        }
        partial.reset();
        partial.write(buffered, at, buffered.length - at);
    }

    private void serve() {
        try {
            while (true) {
                Request request = requests.take();
                if (request == EXECUTOR_GONE) {
                    return;
                }
                Answer answer;
                try {
                    answer = answer(request);
                } catch (RuntimeException | Error e) {
                    // Answered whatever went wrong (an InternalError from JShell, say): the cell waits for it,
                    // and the kernel's shell thread waits for the cell.
                    LOG.log(Level.WARNING, "an eval failed in the kernel", e);
                    answer = failed("Callisto could not run it: " + e);
                }
                NestedProtocol.writeAnswer(out, answer);
                out.flush();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (IOException e) {
            LOG.fine(() -> "the executor's nested socket closed: " + e);
        }
    }

    private Answer answer(Request request) {
        JShell js = shell;
        if (js == null) {
            return failed("the notebook is still starting");
        }
        if (request.kind() == NestedProtocol.EVAL) {
            // JShell compiles for one thread at a time; the cell that asked waits in its invoke, unlocked.
            ExecutorConnection current = connection;
            return current == null ? eval(js, request.text()) : current.compiling(() -> eval(js, request.text()));
        }
        String form = request.kind() == NestedProtocol.CELL_MAGIC ? "cell magic %%" : "line magic %";
        Object value;
        try {
            value = services.magics().run(request.text(), request.args(), request.body());
        } catch (Exception e) {
            return failed(form + request.text() + ": " + (e.getMessage() == null ? e.toString() : e.getMessage()));
        }
        if (stopAsked()) {
            return Answer.of(NestedProtocol.STOPPED);
        }
        if (value instanceof List<?> list) {
            return new Answer(NestedProtocol.LIST, "", list.stream().map(String::valueOf).toList());
        }
        return value == null ? Answer.of(NestedProtocol.NONE) : new Answer(NestedProtocol.TEXT, value.toString(), List.of());
    }

    /** Evaluates each snippet of the code in turn, as IJava does; the answer is about the last one. */
    private Answer eval(JShell js, String code) {
        boolean valued = false;
        for (CellSplitter.Piece piece : CellSplitter.split(js.sourceCodeAnalysis(), code)) {
            if (stopAsked()) {
                return Answer.of(NestedProtocol.STOPPED);
            }
            if (!piece.complete()) {
                return failed("eval: the code is unfinished: " + piece.source());
            }
            List<SnippetEvent> events;
            try {
                events = js.eval(piece.source());
            } catch (IllegalStateException closed) {
                return failed("eval: the JVM running cells has ended");
            }
            services.recorded().accept(events);
            if (stopAsked()) {
                return Answer.of(NestedProtocol.STOPPED);
            }
            SnippetEvent main = events.stream().filter(e -> e.causeSnippet() == null).findFirst().orElse(null);
            if (main == null) {
                continue;
            }
            Snippet snippet = main.snippet();
            Temporaries.drop(js, main);
            if (main.status() == Snippet.Status.REJECTED) {
                return failed("eval: the code does not compile: " + errors(js, snippet) + " (in: " + piece.source() + ")");
            }
            if (main.exception() instanceof UnresolvedReferenceException unresolved) {
                DeclarationSnippet declaration = unresolved.getSnippet();
                return failed("eval: " + declaration.name() + " cannot be used until "
                        + js.unresolvedDependencies(declaration).collect(Collectors.joining(", ")) + " is declared");
            }
            if (main.exception() instanceof EvalException thrown) {
                return new Answer(NestedProtocol.THROWN, thrown.getExceptionClassName() + ": " + thrown.getMessage(), List.of());
            }
            if (main.exception() != null) {
                return failed("eval: " + main.exception().getMessage());
            }
            valued = JShellEngine.VALUE_SUBKINDS.contains(snippet.subKind().name());
        }
        return Answer.of(valued ? NestedProtocol.VALUE : NestedProtocol.NONE);
    }

    /** JShell's errors for a rejected snippet, each on one line, without the location javac adds. */
    private static String errors(JShell js, Snippet snippet) {
        return js.diagnostics(snippet).filter(Diag::isError).map(diag -> {
            List<String> lines = diag.getMessage(Locale.ROOT).lines().map(String::strip)
                    .filter(line -> !line.isEmpty() && !line.startsWith("location:")).toList();
            return lines.size() == 1 ? lines.get(0) : lines.get(0) + " (" + String.join(", ", lines.subList(1, lines.size())) + ")";
        }).collect(Collectors.joining("; "));
    }

    private boolean stopAsked() {
        ExecutorConnection current = connection;
        return current != null && current.stopAsked();
    }

    private static Answer failed(String why) {
        return new Answer(NestedProtocol.FAILED, why, List.of());
    }

    @Override
    public void close() {
        try {
            socket.close();
        } catch (IOException e) {
            // Closing anyway.
        }
    }
}
