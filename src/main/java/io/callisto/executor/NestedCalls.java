package io.callisto.executor;

import java.io.BufferedOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.Socket;
import java.util.List;
import jdk.jshell.execution.Util;

/**
 * The executor's side of IJava's {@code eval} and of magics with computed arguments: the running cell asks
 * the kernel ({@link NestedProtocol}) and, until the answer comes, its own thread serves JShell's commands for
 * the snippets the kernel compiles meanwhile, on the nested socket, with the cell's {@link ExecutorControl}
 * (so they share its class loader: the nested snippets see the notebook's classes and the notebook sees
 * theirs). The nested snippets run on the cell's thread, as a method the cell called, so an interrupt stops
 * them as it stops the cell. A nested snippet's value and exception are kept, and eval returns them as they
 * are, not as text.
 */
public final class NestedCalls {
    private static NestedCalls connected;

    private final OutputStream requests;
    private final Socket socket;
    private final ExecutorControl control;
    private final Runnable sendOutput;
    private final ObjectOutputStream commandResults;
    private CommandInput commands;
    private boolean serving;

    private NestedCalls(OutputStream requests, Socket socket, ExecutorControl control, Runnable sendOutput)
            throws IOException {
        this.requests = requests;
        this.socket = socket;
        this.control = control;
        this.sendOutput = sendOutput;
        // The stream header goes now, so the kernel can open its end whenever it first needs it.
        this.commandResults = new ObjectOutputStream(new BufferedOutputStream(socket.getOutputStream(), 1 << 16));
        commandResults.flush();
    }

    /** Called once by the executor's main, with the multiplexed stream for requests and the nested socket. */
    static synchronized void connect(OutputStream requests, Socket socket, ExecutorControl control, Runnable sendOutput) {
        try {
            connected = new NestedCalls(requests, socket, control, sendOutput);
        } catch (IOException e) {
            throw new UncheckedIOException("the kernel is gone", e);
        }
    }

    /**
     * Evaluates code in the notebook's scope, as IJava's {@code eval}: its declarations stay in the notebook.
     *
     * @param code one or more snippets
     * @return the last snippet's value (the object itself) when it is an expression, else null
     * @throws Exception the exception the code threw, as itself; an {@link EvalException} when it does not compile
     */
    public static Object eval(String code) throws Exception {
        return instance().call(new NestedProtocol.Request(NestedProtocol.EVAL, code, List.of(), null));
    }

    /**
     * Runs a magic in the kernel, as IJava's {@code lineMagic} and {@code cellMagic}; its output goes to the cell.
     *
     * @param name the magic's name, without % or %%
     * @param args its arguments
     * @param body a cell magic's body, or null for a line magic
     * @return the magic's value: the paths added for %jars, %classpath, %maven and %loadFromPOM, else null
     * @throws EvalException when the magic is unknown or fails, saying why
     */
    public static Object magic(String name, List<String> args, String body) throws Exception {
        byte kind = body == null ? NestedProtocol.LINE_MAGIC : NestedProtocol.CELL_MAGIC;
        return instance().call(new NestedProtocol.Request(kind, name, List.copyOf(args), body));
    }

    private static synchronized NestedCalls instance() {
        if (connected == null) {
            throw new IllegalStateException("eval and magics need a running Callisto notebook");
        }
        return connected;
    }

    /** Called only on the thread running the cell (checked), so it needs no lock. */
    private Object call(NestedProtocol.Request request) throws Exception {
        if (!control.isRunningCell(Thread.currentThread())) {
            throw new IllegalStateException("eval and lineMagic/cellMagic work on the thread running the cell, "
                    + "not on threads it started");
        }
        if (serving) {
            throw new IllegalStateException("eval and lineMagic/cellMagic cannot be called from code that eval runs");
        }
        // From here the cell's own code is not running: a stop thrown now could land in JShell's command loop.
        control.pauseClientCode();
        serving = true;
        NestedProtocol.Answer answer;
        try {
            sendOutput.run();
            requests.write(NestedProtocol.encode(request));
            requests.flush();
            if (commands == null) {
                commands = new CommandInput(socket.getInputStream());
            }
            commands.expectAnswer = true;
            Util.forwardExecutionControl(control, commands, commandResults);
            if (commands.expectAnswer) {
                throw new IllegalStateException("the kernel stopped answering eval; the JVM running cells is ending");
            }
            answer = NestedProtocol.readAnswer(commands);
        } finally {
            serving = false;
            control.resumeClientCode();
        }
        ExecutorControl.Nested last = control.takeNested();
        return switch (answer.kind()) {
            case NestedProtocol.VALUE -> last.value();
            case NestedProtocol.THROWN -> throw rethrowable(last.thrown(), answer.text());
            case NestedProtocol.LIST -> answer.values();
            case NestedProtocol.TEXT -> answer.text();
            case NestedProtocol.FAILED -> throw new EvalException(answer.text());
            case NestedProtocol.STOPPED -> throw control.stopException();
            default -> null;
        };
    }

    /** The kept exception, to throw as it is (checked ones too: eval declares Exception). */
    private static Exception rethrowable(Throwable thrown, String description) {
        if (thrown instanceof Error error) {
            throw error;
        }
        if (thrown instanceof Exception exception) {
            return exception;
        }
        return new EvalException(description);
    }

    /**
     * JShell's commands on the nested socket, until the kernel's answer: its prefix, read where the next
     * command's would be, ends JShell's command loop as the end of the input would.
     */
    private static final class CommandInput extends ObjectInputStream {
        boolean expectAnswer;

        CommandInput(InputStream in) throws IOException {
            super(in);
        }

        @Override
        public int readInt() throws IOException {
            int value = super.readInt();
            if (expectAnswer && value == NestedProtocol.ANSWER_PREFIX) {
                expectAnswer = false;
                throw new EOFException("the kernel answered");
            }
            return value;
        }
    }
}
