package io.callisto.executor;

import io.callisto.display.DisplayChannel;
import io.callisto.display.MimeBundle;
import io.callisto.display.Renderers;
import io.callisto.spark.ReplClassDirectory;
import io.callisto.spark.SparkWatch;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.util.LinkedHashMap;
import java.util.Map;
import jdk.jshell.execution.DirectExecutionControl;
import jdk.jshell.execution.LoaderDelegate;

/**
 * Runs JShell's compiled snippets inside the executor JVM. After each snippet the cell's output is sent on
 * before the result, so the kernel has all of it by the time the snippet's value arrives.
 *
 * <p>Interrupts come from the kernel through the debugger interface (JDI), which can stop a thread anywhere
 * in Java code on every JDK, where Thread.stop no longer works from JDK 20 on: the kernel finds the thread
 * whose stack holds {@link #invoke(Method)}, reads {@code inClientCode}, sets {@code expectingStop}, and
 * throws {@code stop} into it while this JVM is suspended, so the stop is pending before the thread can move
 * on; this JVM clears {@code expectingStop} once the stop has arrived. The field names are read by the kernel
 * (ExecutorConnection): keep them.
 */
final class ExecutorControl extends DirectExecutionControl {
    private static final long STOP_ARRIVAL_NANOS = 5_000_000L;

    private final Runnable sendOutput;
    /**
     * Whether this control serves a subshell's lane ({@link LaneServer}) rather than the parent shell's command
     * socket; read by the kernel over JDI to tell the parent's running cell from a subshell's.
     */
    private final boolean lane;

    // Read and written by the kernel over JDI; nothing in this JVM refers to them otherwise.
    @SuppressWarnings("unused")
    private volatile boolean inClientCode;
    private volatile boolean expectingStop;
    private final CellStopped stop = new CellStopped();
    /** The last snippet's value on the parent shell, until the kernel has it rendered as the cell's result. */
    private volatile Object lastValue;
    /** The thread running the cell's snippet, or null between snippets. */
    private volatile Thread cellThread;
    /** While the cell's eval serves the kernel's commands ({@link NestedCalls}): keep what its snippets give. */
    private boolean keepingNested;
    private Object nestedValue;
    private Throwable nestedThrown;

    /** What the last snippet run for an eval gave: its value, or the exception it threw. */
    record Nested(Object value, Throwable thrown) {
    }

    /** A value's text as a cell's result shows it (jshell's valueString), for {@link DebugProbe}. */
    static String textOf(Object value) {
        return valueString(value);
    }

    @Override
    public void addToClasspath(String path) throws EngineTerminationException, InternalException {
        super.addToClasspath(path);
        SparkWatch.classpathChanged();
        if (!lane) {
            DebugProbe.classpathAdded(path);
        }
    }

    ExecutorControl(Runnable sendOutput) {
        this.sendOutput = sendOutput;
        this.lane = false;
    }

    private ExecutorControl(Runnable sendOutput, LoaderDelegate sharedLoader) {
        super(sharedLoader);
        this.sendOutput = sendOutput;
        this.lane = true;
    }

    /**
     * A control for a subshell's lane: snippets load into and are found in this control's class loader (one
     * namespace), while the running-cell state an interrupt reads ({@code inClientCode}, {@code expectingStop})
     * and the cell thread are the lane's own.
     */
    ExecutorControl lane() {
        ExecutorControl primary = this;
        return new ExecutorControl(sendOutput, new LoaderDelegate() {
            @Override
            public void load(ClassBytecodes[] cbcs) throws ClassInstallException, NotImplementedException,
                    EngineTerminationException {
                primary.load(cbcs);
            }

            @Override
            public void classesRedefined(ClassBytecodes[] cbcs) {
                // Redefined in place over JDI; nothing is kept per class here.
            }

            @Override
            public void addToClasspath(String path) throws EngineTerminationException, InternalException {
                primary.addToClasspath(path);
            }

            @Override
            public Class<?> findClass(String name) throws ClassNotFoundException {
                return primary.findClass(name);
            }
        });
    }

    /**
     * Runs a snippet. The parent shell's value is kept for {@link ExecutorMain#RENDER_COMMAND}, which the kernel
     * sends only when the value is the cell's result, so nothing else is rendered (a widget in a declaration
     * stays unshown, its comm unopened). A subshell lane renders its value here, ahead of the value's text.
     * The kernel looks for this frame to find the thread running a cell.
     */
    @Override
    protected String invoke(Method doitMethod) throws Exception {
        if (keepingNested) {
            return invokeNested(doitMethod);
        }
        cellThread = Thread.currentThread();
        lastValue = null;
        SparkWatch.beforeSnippet(doitMethod.getDeclaringClass().getClassLoader(), !lane);
        try {
            Object value = null;
            InvocationTargetException failed = null;
            String sparkStopped;
            try {
                value = doitMethod.invoke(null);
            } catch (InvocationTargetException thrown) {
                failed = thrown;
            } finally {
                // on a stop too, so the progress bar's polling ends with the cell
                sparkStopped = lane ? null : SparkWatch.afterCellSnippet();
            }
            if (sparkStopped != null) {
                throw sparkStopped(sparkStopped, failed == null ? null : failed.getCause());
            }
            if (failed != null) {
                throw failed;
            }
            if (lane) {
                sendRichResult(value);
            } else {
                lastValue = value;
            }
            return valueString(value);
        } finally {
            cellThread = null;
            sendOutput.run();
            SparkWatch.afterSnippet(doitMethod.getDeclaringClass().getClassLoader());
        }
    }

    /**
     * The snippet's error when Callisto stopped its SparkContext (a standalone master that cannot be reached):
     * whatever getOrCreate returned or threw, the session is stopped, and this says why.
     */
    private static InvocationTargetException sparkStopped(String message, Throwable sparkError) {
        IllegalStateException stopped = new IllegalStateException(message, sparkError);
        stopped.setStackTrace(new StackTraceElement[0]);  // Callisto's frames, not the cell's
        return new InvocationTargetException(stopped);
    }

    /** The value's rich form (an image, a MIME bundle, a registered type), if it has one, for the cell's execute_result. */
    private static void sendRichResult(Object value) {
        MimeBundle rich = null;
        try {
            rich = Renderers.renderRich(value);
        } catch (RuntimeException | LinkageError e) {
            System.err.println("Callisto: a renderer failed on this value, so it shows as text: " + e);
        }
        if (rich != null) {
            Map<String, Object> content = new LinkedHashMap<>();
            content.put("data", rich.data());
            content.put("metadata", rich.metadata());
            DisplayChannel.send("execute_result", content);
        }
    }

    /**
     * A snippet an eval runs: its value is kept for eval to return, and neither rendered (it is not the cell's
     * result) nor turned into text (eval does not need it, and toString may be costly or fail).
     */
    private String invokeNested(Method doitMethod) throws Exception {
        nestedValue = null;
        nestedThrown = null;
        try {
            nestedValue = doitMethod.invoke(null);
            return "";
        } finally {
            sendOutput.run();
        }
    }

    /** Whether {@code thread} is running the cell's snippet (eval works there only). */
    boolean isRunningCell(Thread thread) {
        return thread == cellThread;
    }

    /**
     * The cell has called eval and its thread is about to serve JShell's commands for the kernel: no stop may be
     * thrown into it there (the kernel checks {@code inClientCode}), and one already thrown arrives now and
     * stops the cell. What the nested snippets give is kept from now on.
     */
    void pauseClientCode() {
        inClientCode = false;
        // A stop that arrives here propagates: it stops the cell before it serves any command.
        awaitPendingStop();
        expectingStop = false;
        keepingNested = true;
        nestedValue = null;
        nestedThrown = null;
    }

    /** The eval has its answer: the cell's own code runs again. */
    void resumeClientCode() {
        keepingNested = false;
        inClientCode = true;
    }

    /** What the eval's last snippet gave, handed over once. */
    Nested takeNested() {
        Nested last = new Nested(nestedValue, nestedThrown);
        nestedValue = null;
        nestedThrown = null;
        return last;
    }

    /** The exception that stops the cell, for an eval the kernel answers as interrupted. */
    Error stopException() {
        return stop;
    }

    /**
     * One of Callisto's own commands ({@link ExecutorMain#COMMAND_PREFIX}), sent as JShell's invoke of a reserved
     * class name with {@code argument} as the method name.
     *
     * @return "", the invoke's result
     * @throws InternalException for a command this control does not know
     */
    private String callistoCommand(String command, String argument) throws InternalException {
        if (ExecutorMain.CELL_COMMAND.equals(command)) {
            if (lane) {
                // A subshell's cell starts: what this thread (and threads it starts) prints goes under its request.
                io.callisto.display.OutputParent.set(argument);
            } else {
                io.callisto.comm.Comms.cellStarted(argument);
            }
        } else if (ExecutorMain.RENDER_COMMAND.equals(command) && !lane) {
            Object value = lastValue;
            lastValue = null;
            // On the command thread, not the cell's: a renderer's output goes where the cell's would.
            sendRichResult(value);
            sendOutput.run();
        } else if (ExecutorMain.OUTPUT_END_COMMAND.equals(command) && lane) {
            // The cell has ended: its output goes now, then the mark the kernel waits for before it replies
            // (the output travels on the multiplexed stream, the snippets' results on the lane).
            System.out.flush();
            System.err.flush();
            Map<String, Object> mark = new LinkedHashMap<>();
            mark.put("msg_type", "output_end");
            mark.put("parent", argument);
            DisplayChannel.sendRecord(mark);
        } else {
            throw new InternalException("no such command here: " + command);
        }
        return "";
    }

    /**
     * The kernel has already redefined these classes in this JVM through its debugger connection (JDI, as
     * JShell's default engine does); this request only tells us so. Without the debugger connection the
     * kernel never sends it.
     */
    @Override
    public void redefine(ClassBytecodes[] classes) {
        // The redefinition is in place; Spark's executors fetch the new class file from now on.
        ReplClassDirectory.write(classes);
    }

    /** Loads the snippet's classes, and writes them where Spark's executors fetch them (a lane's go through here). */
    @Override
    public void load(ClassBytecodes[] classes) throws ClassInstallException, NotImplementedException,
            EngineTerminationException {
        super.load(classes);
        if (!lane) {
            ReplClassDirectory.write(classes);
        }
    }

    @Override
    protected void clientCodeEnter() {
        expectingStop = false;
        inClientCode = true;
    }

    /**
     * Takes a stop the kernel has thrown but the thread has not yet received, so that it cannot land in
     * JShell's command loop and end this JVM.
     */
    @Override
    protected void clientCodeLeave() throws InternalException {
        inClientCode = false;
        try {
            awaitPendingStop();
        } catch (CellStopped late) {
            // Arrived after the snippet's end: the snippet has its result, and the stop has nothing left to stop.
        }
        expectingStop = false;
    }

    /**
     * Lets a stop the kernel has thrown (the thread has left client code since) arrive here. The kernel throws
     * only while this JVM is suspended, so the stop is already pending: the first native call's return
     * (Thread.yield) delivers it. The bound is for a stop that never comes because the cell's code (or the
     * JDK's) caught and swallowed it, leaving {@code expectingStop} set.
     */
    private void awaitPendingStop() {
        long deadline = System.nanoTime() + STOP_ARRIVAL_NANOS;
        while (expectingStop && System.nanoTime() < deadline) {
            Thread.yield();
        }
    }

    /**
     * A stop that arrives after the snippet's own code, in JShell's bookkeeping before clientCodeLeave, ends
     * the command as stopped instead of escaping into the command loop, which would end this JVM.
     */
    @Override
    public String invoke(String className, String methodName) throws RunException, InternalException, EngineTerminationException {
        if (className.startsWith(ExecutorMain.COMMAND_PREFIX)) {
            return callistoCommand(className, methodName);
        }
        try {
            return super.invoke(className, methodName);
        } catch (CellStopped late) {
            expectingStop = false;
            throw new StoppedException();
        }
    }

    @Override
    protected String throwConvertedInvocationException(Throwable cause) throws RunException, InternalException {
        if (keepingNested && !(cause instanceof CellStopped)) {
            nestedThrown = cause;
        }
        if (cause instanceof CellStopped) {
            expectingStop = false;
            throw new StoppedException();
        }
        if (expectingStop) {
            // The stop woke a wait (an InterruptedException, say) before arriving itself: it is still the
            // stop; clientCodeLeave takes the exception if it comes after all.
            throw new StoppedException();
        }
        return super.throwConvertedInvocationException(cause);
    }

    @Override
    protected String throwConvertedOtherException(Throwable thrown) throws RunException, InternalException {
        if (thrown instanceof CellStopped || thrown.getCause() instanceof CellStopped) {
            expectingStop = false;
            throw new StoppedException();
        }
        if (expectingStop) {
            throw new StoppedException();
        }
        return super.throwConvertedOtherException(thrown);
    }

    /** JShell closes the session: the executor's work is over (JShell's own agents leave this to the debugger). */
    @Override
    public void close() {
        if (lane) {
            return;  // a subshell's lane ends when the kernel closes its socket; this JVM goes on
        }
        if (keepingNested) {
            // Only the nested command loop's failure path closes while an eval is served (the kernel never
            // sends close there): that ends the eval, which fails, not this JVM.
            return;
        }
        ExecutorMain.end();
    }

    /** Thrown into a running cell to stop it; a ThreadDeath, so handlers that log exceptions keep quiet. */
    @SuppressWarnings({"serial", "removal"})
    static final class CellStopped extends ThreadDeath {
        @Override
        public synchronized Throwable fillInStackTrace() {
            return this;
        }
    }
}
