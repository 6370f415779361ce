package io.callisto.engine;

import com.sun.jdi.BooleanValue;
import com.sun.jdi.Field;
import com.sun.jdi.IncompatibleThreadStateException;
import com.sun.jdi.InvalidTypeException;
import com.sun.jdi.ObjectReference;
import com.sun.jdi.StackFrame;
import com.sun.jdi.ThreadReference;
import com.sun.jdi.VMDisconnectedException;
import com.sun.jdi.VirtualMachine;
import com.sun.jdi.ClassNotLoadedException;
import com.sun.jdi.ReferenceType;
import io.callisto.executor.ExecutorMain;
import io.callisto.spark.SparkWatch;
import java.io.IOException;
import java.io.ObjectInput;
import java.io.ObjectOutput;
import java.net.Socket;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import jdk.jshell.execution.StreamingExecutionControl;
import jdk.jshell.spi.ExecutionControl;

/**
 * The kernel's end of JShell's execution protocol with one executor JVM. Two requests go through the
 * debugger connection (JDI) instead of the command socket: stopping a running cell (the command socket is
 * busy waiting for the snippet's result) and redefining classes in place, as JShell's default JDI engine
 * does, so that a changed method or class body keeps the values of the variables whose classes JShell
 * recompiles. Closing it ends the executor JVM.
 *
 * <p>While a cell's invoke holds the command socket, commands from another thread are an eval the cell
 * called ({@link NestedEval}): they go to the executor on the nested socket, where the cell's thread serves them.
 */
final class ExecutorConnection extends StreamingExecutionControl {
    private static final java.util.logging.Logger LOG = java.util.logging.Logger.getLogger(ExecutorConnection.class.getName());
    /** The executor-side class whose invoke frame marks the thread running a cell, and its fields. */
    private static final String CONTROL_CLASS = "io.callisto.executor.ExecutorControl";

    private final Process process;
    private final Socket socket;
    private final VirtualMachine vm;
    private final NestedEval nested;
    private final DebugTarget debugTarget;
    /** How long a stop waits for a static initializer to finish, in ms (the engine kills after 1,000). */
    static final long STOP_DEFER_MS = 800;
    /** How often a deferred stop looks again, in ms. */
    static final long STOP_RETRY_MS = 2;
    private final Object stopLock = new Object();
    /** Invokes outstanding: the cell's, and an eval's inside it. */
    private int userCodeRunning;
    /** The thread whose invoke holds the command socket, or null. */
    private volatile Thread invoking;
    /** A stop asked for while no snippet ran (it was compiling): the cell's next snippet does not start. */
    private boolean stopPending;
    private volatile boolean stopped;
    /** A stop was asked for since the cell started: an eval inside it ends at its next step. */
    private volatile boolean stopAsked;
    /**
     * Held while a thread compiles with JShell or does its bookkeeping (an eval, completion analysis), and let
     * go while the thread waits for a snippet in {@link #invoke}: so the parent shell's cell, a subshell's cell
     * and an eval a cell calls each compile alone, and one's long snippet never holds up another's.
     */
    private final java.util.concurrent.locks.ReentrantLock compileLock = new java.util.concurrent.locks.ReentrantLock();
    /** The subshell lane a thread's commands go to while it runs a subshell's cell; unset for the parent shell. */
    private final ThreadLocal<LaneChannel> lane = new ThreadLocal<>();
    /** Lanes opened to this executor; guarded by the stop lock. */
    private final java.util.Set<LaneChannel> lanes = new java.util.HashSet<>();
    /** Lane snippets being invoked; guarded by the stop lock. */
    private int laneInvokes;
    /** Snippet classes by name: JShell names every class it loads uniquely, so a name stays valid. */
    private final Map<String, ReferenceType> loaded = new ConcurrentHashMap<>();

    ExecutorConnection(ObjectOutput out, ObjectInput in, Process process, Socket socket, VirtualMachine vm,
            NestedEval nested, DebugTarget debugTarget) {
        super(out, in);
        this.debugTarget = debugTarget;
        this.process = process;
        this.socket = socket;
        this.vm = vm;
        this.nested = nested;
    }

    Process process() {
        return process;
    }

    /** The executor's JDI connection, or null for the installer's training executor. */
    VirtualMachine vm() {
        return vm;
    }

    /** A new cell starts: a stop asked for before it does not apply to it. */
    void clearPendingStop() {
        synchronized (stopLock) {
            stopPending = false;
            stopAsked = false;
        }
    }

    /** Whether an interrupt has come since the cell started. */
    boolean stopAsked() {
        return stopAsked;
    }

    /** Runs {@code work} holding the compile lock. */
    <T> T compiling(java.util.function.Supplier<T> work) {
        compileLock.lock();
        try {
            return work.get();
        } finally {
            compileLock.unlock();
        }
    }

    /** Lets go of the compile lock as often as this thread holds it, for a wait in the executor; returns that count. */
    private int releaseCompiling() {
        int held = compileLock.getHoldCount();
        for (int i = 0; i < held; i++) {
            compileLock.unlock();
        }
        return held;
    }

    private void reacquireCompiling(int held) {
        for (int i = 0; i < held; i++) {
            compileLock.lock();
        }
    }

    /** Opens a subshell's lane to this executor. */
    LaneChannel openLane(ExecutorLauncher launcher) throws IOException {
        LaneChannel opened = launcher.openLane();
        synchronized (stopLock) {
            lanes.add(opened);
        }
        return opened;
    }

    /** Forgets and closes a lane. */
    void closeLane(LaneChannel closing) {
        synchronized (stopLock) {
            lanes.remove(closing);
        }
        closing.close();
    }

    /** From now on this thread's commands go to {@code channel} (a subshell's cell runs), or with null to the parent's. */
    void routeTo(LaneChannel channel) {
        if (channel == null) {
            lane.remove();
        } else {
            lane.set(channel);
        }
    }

    /** Whether this thread's command must take the nested socket: another thread's invoke holds the command socket. */
    private boolean nestedCommand() {
        Thread holder = invoking;
        return holder != null && holder != Thread.currentThread();
    }

    private ExecutionControl nestedCommands() throws EngineTerminationException {
        try {
            return nested.commands();
        } catch (IOException e) {
            throw new EngineTerminationException("the executor's nested socket failed: " + e);
        }
    }

    @Override
    public void load(ClassBytecodes[] classes) throws ClassInstallException, NotImplementedException, EngineTerminationException {
        LaneChannel routed = lane.get();
        if (routed != null) {
            routed.commands().load(classes);
        } else if (nestedCommand()) {
            nestedCommands().load(classes);
        } else {
            super.load(classes);
        }
    }

    @Override
    public String varValue(String className, String varName) throws RunException, EngineTerminationException, InternalException {
        LaneChannel routed = lane.get();
        if (routed != null) {
            return routed.commands().varValue(className, varName);
        }
        return nestedCommand() ? nestedCommands().varValue(className, varName) : super.varValue(className, varName);
    }

    @Override
    public void addToClasspath(String path) throws EngineTerminationException, InternalException {
        LaneChannel routed = lane.get();
        if (routed != null) {
            routed.commands().addToClasspath(path);
        } else if (nestedCommand()) {
            nestedCommands().addToClasspath(path);
        } else {
            super.addToClasspath(path);
        }
    }


    /** True once after a snippet ended because it was stopped; JShell itself reports such a snippet as fine. */
    boolean takeStopped() {
        boolean was = stopped;
        stopped = false;
        return was;
    }

    /**
     * Tells the executor which execute_request its next snippets belong to (an ipywidgets Output widget
     * captures by that msg_id).
     */
    void cellStarting(String msgId) {
        callistoCommand(ExecutorMain.CELL_COMMAND, msgId);
    }

    /**
     * Has the executor render the last snippet's value, the cell's result, as {@code display()} would: its rich
     * form arrives as a display record before this returns. Only a value the cell shows is rendered, so a
     * declaration's value neither costs a rendering nor has its side effects (a widget's comm opened).
     */
    void renderResult() {
        callistoCommand(ExecutorMain.RENDER_COMMAND, "");
    }

    /**
     * One of Callisto's own commands, one round trip on the command socket from the thread about to eval: JShell's
     * invoke of a reserved class name (ExecutorMain.COMMAND_PREFIX), as a subshell's {@link LaneChannel} sends
     * them, past this class's own invoke, which is for snippets.
     */
    private void callistoCommand(String command, String argument) {
        // Under the compile lock, as JShell's own commands on this socket are (another thread's varValue).
        compileLock.lock();
        try {
            super.invoke(command, argument);
        } catch (ExecutionControlException e) {
            LOG.fine(() -> "the executor did not take " + command + ": " + e);
        } finally {
            compileLock.unlock();
        }
    }

    @Override
    public String invoke(String className, String methodName) throws RunException, EngineTerminationException, InternalException {
        LaneChannel routed = lane.get();
        if (routed != null) {
            return invokeOnLane(routed, className, methodName);
        }
        boolean nestedCall = nestedCommand();
        synchronized (stopLock) {
            if (stopPending) {
                stopPending = false;
                stopped = true;
                throw new StoppedException();
            }
            userCodeRunning++;
            if (!nestedCall) {
                invoking = Thread.currentThread();
            }
        }
        if (!nestedCall) {
            // The class is loaded and prepared: a debugger's last chance to set breakpoints in it.
            debugTarget.invoking(vm, className);
        }
        int held = releaseCompiling();
        try {
            return nestedCall ? nestedCommands().invoke(className, methodName) : super.invoke(className, methodName);
        } catch (StoppedException e) {
            stopped = true;
            throw e;
        } finally {
            synchronized (stopLock) {
                userCodeRunning--;
                if (!nestedCall) {
                    invoking = null;
                }
            }
            reacquireCompiling(held);
        }
    }

    /** A subshell's snippet, on its lane; the compile lock is let go meanwhile, as for the parent's. */
    private String invokeOnLane(LaneChannel routed, String className, String methodName)
            throws RunException, EngineTerminationException, InternalException {
        synchronized (stopLock) {
            if (routed.stopRequested) {
                routed.stopRequested = false;
                routed.markStopped();
                throw new StoppedException();
            }
            routed.invoking = true;
            laneInvokes++;
        }
        int held = releaseCompiling();
        try {
            return routed.commands().invoke(className, methodName);
        } catch (StoppedException e) {
            routed.markStopped();
            throw e;
        } finally {
            synchronized (stopLock) {
                routed.invoking = false;
                laneInvokes--;
            }
            reacquireCompiling(held);
        }
    }

    /**
     * Redefines already loaded snippet classes in place through JDI's {@code VirtualMachine.redefineClasses}
     * (JVMTI RedefineClasses): the classes keep their identity, so the static fields that hold the notebook's
     * variables keep their values. JShell asks for this when a snippet's recompiled class differs from the
     * loaded one (a method body changed, an import shifted its wrapper), and falls back to loading a
     * replacement class, whose variables start from their defaults, when this throws.
     *
     * @param classes the classes' binary names and new bytecodes
     * @throws NotImplementedException when this executor has no debugger connection (the installer's
     *     training run)
     * @throws ClassInstallException when the JVM refuses the new bytecodes (a field or method added or
     *     removed, a signature changed: HotSpot redefines method bodies only)
     * @throws EngineTerminationException when the executor has gone
     */
    @Override
    public void redefine(ClassBytecodes[] classes)
            throws ClassInstallException, NotImplementedException, EngineTerminationException {
        if (vm == null) {
            throw new NotImplementedException("redefinition needs the executor's debugger connection");
        }
        if (sparkClusterActive()) {
            // A cluster's executors keep the classes they fetched: in place, they would run the old code while
            // the driver runs the new. Refused, JShell loads the change under a new name, which they fetch anew.
            throw new ClassInstallException("redefine: a Spark cluster may hold the loaded classes",
                    new boolean[classes.length]);
        }
        Map<ReferenceType, byte[]> redefinitions = new HashMap<>();
        try {
            for (ClassBytecodes bytecodes : classes) {
                ReferenceType type = loaded.computeIfAbsent(bytecodes.name(), this::loadedClass);
                if (type == null) {
                    throw new ClassInstallException("redefine: " + bytecodes.name() + " is not loaded once",
                            new boolean[classes.length]);
                }
                redefinitions.put(type, bytecodes.bytecodes());
            }
            vm.redefineClasses(redefinitions);
        } catch (VMDisconnectedException e) {
            throw new EngineTerminationException("the executor JVM has gone");
        } catch (RuntimeException | LinkageError e) {
            // UnsupportedOperationException (a schema change), VerifyError, ClassFormatError, ...
            throw new ClassInstallException("redefine: " + e, new boolean[classes.length]);
        }
        try {
            // The executor acknowledges; it has nothing to do.
            LaneChannel routed = lane.get();
            if (routed != null) {
                routed.commands().redefine(classes);
            } else if (nestedCommand()) {
                nestedCommands().redefine(classes);
            } else {
                super.redefine(classes);
            }
        } catch (NotImplementedException e) {
            // An executor that does not take part in redefinition: JDI has done the work.
        }
    }

    /** io.callisto.spark.SparkWatch's flag, read over JDI; false until that class is loaded. */
    private boolean sparkClusterActive() {
        try {
            ReferenceType watch = loadedClass(SparkWatch.class.getName());
            Field flag = watch == null ? null : watch.fieldByName("clusterActive");
            return flag != null && watch.getValue(flag) instanceof BooleanValue value && value.value();
        } catch (RuntimeException e) {
            return false;
        }
    }

    private ReferenceType loadedClass(String name) {
        List<ReferenceType> types = vm.classesByName(name);
        return types.size() == 1 ? types.get(0) : null;
    }

    /**
     * Throws the executor's prepared stop exception into the thread running the cell, wherever it is in Java
     * code (a tight loop, a library method, sleep, wait). The snippet then ends as stopped. When no snippet is
     * in its own code (one is compiling, or the cell waits for an eval's next snippet), the next snippet does
     * not start, and an eval the cell is in ends as stopped.
     *
     * <p>A thread inside a static initializer is not stopped there: the JVM would mark that class as failed for
     * the rest of the session (a JDK class such as StringConcatFactory's strategy broke every later string
     * concatenation). The stop is retried every {@value #STOP_RETRY_MS} ms for up to {@value #STOP_DEFER_MS} ms,
     * so it lands once the initializer is done; one that never ends is left to the engine's kill.
     */
    @Override
    public void stop() throws InternalException {
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(STOP_DEFER_MS);
        Set<ObjectReference> deferred = throwStop(null);
        while (!deferred.isEmpty() && System.nanoTime() < deadline) {
            try {
                Thread.sleep(STOP_RETRY_MS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
            deferred = throwStop(deferred);
        }
    }

    /**
     * Throws the stop into the running cells' threads, except those inside a static initializer.
     *
     * @param retrying null for the interrupt itself; else the snippet runs (the {@code Method} each invoke got)
     *                 deferred last time, the only ones a retry may stop (a cell started since is not stopped)
     * @return the snippet runs deferred now, each identified by its invoke's {@code Method} argument
     */
    private Set<ObjectReference> throwStop(Set<ObjectReference> retrying) throws InternalException {
        synchronized (stopLock) {
            boolean first = retrying == null;
            boolean parentRunning = userCodeRunning > 0;
            if (first) {
                stopAsked = true;
                if (!parentRunning) {
                    stopPending = true;
                }
                // Every subshell cell running stops too: one between snippets does not start its next.
                for (LaneChannel running : lanes) {
                    if (running.busy) {
                        running.stopRequested = true;
                    }
                }
            }
            Set<ObjectReference> deferred = new HashSet<>();
            if ((!parentRunning && laneInvokes == 0) || vm == null) {
                return deferred;  // vm null: the installer's training executor, which has no debugger and is never stopped
            }
            try {
                vm.suspend();
                try {
                    boolean parentStopped = false;
                    for (ThreadReference thread : vm.allThreads()) {
                        if (first && SparkWatch.CANCEL_THREAD.equals(thread.name())) {
                            thread.interrupt();  // cancels the notebook's Spark jobs as the cell stops
                            continue;
                        }
                        RunningSnippet running = runningSnippet(thread);
                        if (running == null) {
                            continue;
                        }
                        StackFrame invoke = running.invoke();
                        ObjectReference run = invoke.getArgumentValues().get(0) instanceof ObjectReference method ? method : null;
                        if (!first && !retrying.contains(run)) {
                            continue;
                        }
                        ObjectReference control = invoke.thisObject();
                        Field inClientCode = control.referenceType().fieldByName("inClientCode");
                        Field expectingStop = control.referenceType().fieldByName("expectingStop");
                        Field stop = control.referenceType().fieldByName("stop");
                        boolean lane = ((BooleanValue) control.getValue(control.referenceType().fieldByName("lane"))).value();
                        if (((BooleanValue) control.getValue(inClientCode)).value()) {
                            if (running.inStaticInitializer()) {
                                deferred.add(run);
                                continue;
                            }
                            control.setValue(expectingStop, vm.mirrorOf(true));
                            // Thrown while the thread is still suspended (as jdb's kill does), so it cannot
                            // leave its code between the check and the throw: it takes the stop where it
                            // stands when it resumes. The executor clears expectingStop when the stop arrives.
                            thread.stop((ObjectReference) control.getValue(stop));
                            parentStopped |= !lane;
                        }
                    }
                    if (first && parentRunning && !parentStopped) {
                        // No snippet of the parent's in its own code: between a snippet's start and end, or an
                        // eval between snippets; or in a static initializer, stopped when that is done.
                        stopPending = true;
                    }
                } finally {
                    vm.resume();
                }
            } catch (IncompatibleThreadStateException | InvalidTypeException | ClassNotLoadedException e) {
                throw new InternalException("could not stop the cell: " + e);
            } catch (VMDisconnectedException e) {
                // The executor has gone; nothing runs any more.
                deferred.clear();
            }
            return deferred;
        }
    }

    /** A subshell's cell starts on {@code channel}: an interrupt before it does not apply to it. */
    void laneCellStarting(LaneChannel channel) {
        synchronized (stopLock) {
            channel.stopRequested = false;
            channel.takeStopped();
            channel.busy = true;
        }
    }

    /** The subshell's cell on {@code channel} has ended. */
    void laneCellEnded(LaneChannel channel) {
        synchronized (stopLock) {
            channel.busy = false;
        }
    }

    /**
     * A snippet run on a thread's stack: the frame of ExecutorControl's invoke (its this: the control) and whether
     * a frame above it is a class's static initializer ({@code <clinit>}).
     */
    private record RunningSnippet(StackFrame invoke, boolean inStaticInitializer) {
    }

    /** The innermost snippet run on this thread's stack, read in one walk of its frames; null when there is none. */
    private static RunningSnippet runningSnippet(ThreadReference thread) throws IncompatibleThreadStateException {
        boolean inStaticInitializer = false;
        for (StackFrame frame : thread.frames()) {
            if (CONTROL_CLASS.equals(frame.location().declaringType().name())
                    && "invoke".equals(frame.location().method().name())) {
                return new RunningSnippet(frame, inStaticInitializer);
            }
            inStaticInitializer |= frame.location().method().isStaticInitializer();
        }
        return null;
    }

    @Override
    public void close() {
        try {
            // The debugger connection first: its agent would report the executor's exit as a transport error.
            if (vm != null) {
                vm.dispose();
            }
        } catch (VMDisconnectedException e) {
            // Already gone.
        }
        nested.close();
        synchronized (stopLock) {
            lanes.forEach(LaneChannel::close);
            lanes.clear();
        }
        try {
            super.close();
        } finally {
            try {
                // An executor writing its class-data archive on the way out needs a few seconds for it.
                if (!process.waitFor(ClassDataArchive.creating() ? 60_000 : 500, TimeUnit.MILLISECONDS)) {
                    process.destroyForcibly();
                }
                socket.close();
            } catch (InterruptedException e) {
                process.destroyForcibly();
                Thread.currentThread().interrupt();
            } catch (IOException e) {
                // Closing anyway.
            }
        }
    }
}
