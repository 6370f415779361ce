package io.callisto.debugger;

import com.sun.jdi.IncompatibleThreadStateException;
import com.sun.jdi.Location;
import com.sun.jdi.ObjectReference;
import com.sun.jdi.ReferenceType;
import com.sun.jdi.StackFrame;
import com.sun.jdi.ThreadReference;
import com.sun.jdi.VMDisconnectedException;
import com.sun.jdi.VirtualMachine;
import com.sun.jdi.event.BreakpointEvent;
import com.sun.jdi.event.ClassPrepareEvent;
import com.sun.jdi.event.Event;
import com.sun.jdi.event.EventSet;
import com.sun.jdi.event.ExceptionEvent;
import com.sun.jdi.event.StepEvent;
import com.sun.jdi.event.ThreadDeathEvent;
import com.sun.jdi.event.ThreadStartEvent;
import com.sun.jdi.event.VMDeathEvent;
import com.sun.jdi.event.VMDisconnectEvent;
import com.sun.jdi.request.BreakpointRequest;
import com.sun.jdi.request.ClassPrepareRequest;
import com.sun.jdi.request.EventRequest;
import com.sun.jdi.request.EventRequestManager;
import com.sun.jdi.request.ExceptionRequest;
import com.sun.jdi.request.StepRequest;
import io.callisto.engine.DebugTarget;
import io.callisto.engine.SnippetLocation;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.logging.Logger;

/**
 * The JDI side of the notebook debugger: breakpoints on cells' lines set in JShell's snippet classes (also
 * classes loaded later: a re-run cell's fresh classes, nested and anonymous classes, through class-prepare
 * events), stops at breakpoints, steps and uncaught exceptions, stepping, pausing, and the stopped threads'
 * frames mapped back to cells. Lives in the kernel JVM and works on the executor JVM through the connection
 * the engine already holds ({@link DebugTarget}); when a fresh executor takes over, it attaches to that one
 * and sets the breakpoints again.
 *
 * <p>Threads: DAP requests come from the control thread, snippet news from the thread running cells, events
 * from JDI's event thread. A breakpoint suspends only the thread that hit it, so the cell's output keeps
 * flowing and the kernel can still stop the cell.
 */
final class Debuggee implements DebugTarget.Listener {
    private static final Logger LOG = Logger.getLogger(Debuggee.class.getName());
    /** Stepping never stops in the JDK or in Callisto's own code. */
    private static final List<String> STEP_EXCLUDED = List.of("java.*", "javax.*", "jdk.*", "sun.*", "com.sun.*",
            "io.callisto.*", "io.github.spencerpark.*");
    private static final String CELL_THREAD = "main";

    /** What the debugger tells the client (as DAP events). */
    interface Events {
        void stopped(String reason, long threadId, List<Integer> hitBreakpointIds);

        void continued(long threadId);

        void thread(String reason, long threadId);

        void output(String text);
    }

    /** A thread stopped for the user; {@code byEvent} when a debugger event stopped it (it can call methods). */
    record Stop(ThreadReference thread, String reason, boolean byEvent, ObjectReference exception) {
    }

    private final DebugTarget target;
    private final CellFiles files;
    private final Events events;
    final Invoker invoker = new Invoker();
    final Variables variables;
    private final Object lock = new Object();
    private VirtualMachine vm;
    private final List<EventRequest> ours = new CopyOnWriteArrayList<>();
    private ClassPrepareRequest prepareRequest;
    private ExceptionRequest exceptionRequest;
    private volatile boolean breakOnUncaught;
    private final Breakpoints breakpoints;
    private final Map<Long, Stop> stopped = new ConcurrentHashMap<>();
    private final StackFrames frames;

    Debuggee(DebugTarget target, CellFiles files, Events events) {
        this.target = target;
        this.files = files;
        this.events = events;
        this.variables = new Variables(target, invoker);
        this.frames = new StackFrames(target, files);
        this.breakpoints = new Breakpoints(target, files);
    }

    /**
     * Makes sure the debugger works on the executor JVM now running cells, setting its requests there when a
     * fresh executor has taken over.
     *
     * @return false when no executor with a debugger connection is running
     */
    boolean attached() {
        synchronized (lock) {
            VirtualMachine current = target.vm();
            if (current == null) {
                return false;
            }
            if (current != vm) {
                install(current);
            }
            return true;
        }
    }

    private void install(VirtualMachine current) {
        vm = current;
        ours.clear();
        breakpoints.forgetArmed();
        stopped.clear();
        frames.clear();
        variables.clear();
        EventRequestManager requests = current.eventRequestManager();
        prepareRequest = requests.createClassPrepareRequest();
        prepareRequest.addClassFilter("REPL.*");
        prepareRequest.setSuspendPolicy(EventRequest.SUSPEND_EVENT_THREAD);
        prepareRequest.setEnabled(!breakpoints.isEmpty());
        ours.add(prepareRequest);
        var starts = requests.createThreadStartRequest();
        starts.setSuspendPolicy(EventRequest.SUSPEND_NONE);
        starts.enable();
        ours.add(starts);
        var deaths = requests.createThreadDeathRequest();
        deaths.setSuspendPolicy(EventRequest.SUSPEND_NONE);
        deaths.enable();
        ours.add(deaths);
        exceptionRequest = null;
        setBreakOnUncaught(breakOnUncaught);
        invoker.install(current);
        for (String path : breakpoints.requested().keySet()) {
            breakpoints.rearm(current, path);
        }
    }

    /** Ends debugging: every request removed, every stopped thread resumed, breakpoints forgotten. */
    void detach() {
        synchronized (lock) {
            resumeAll();
            if (vm != null) {
                try {
                    breakpoints.clear(vm);
                    vm.eventRequestManager().deleteEventRequests(new ArrayList<>(ours));
                } catch (VMDisconnectedException e) {
                    // Gone already.
                }
            }
            ours.clear();
            breakpoints.forgetArmed();
            vm = null;
        }
    }

    // ---- breakpoints ----

    /**
     * setBreakpoints: replaces the breakpoints of one cell and sets them in every class of that cell loaded
     * now; classes loaded later get them as they load.
     *
     * @return one DAP breakpoint per requested line, in order
     */
    List<Dap.Breakpoint> setBreakpoints(String path, List<Integer> lines) {
        synchronized (lock) {
            List<Dap.Breakpoint> answer = breakpoints.set(path, lines);
            if (vm != null) {
                prepareRequest.setEnabled(!breakpoints.isEmpty());
                breakpoints.rearm(vm, path);
            }
            return answer;
        }
    }

    /** Every breakpoint, for debugInfo: path → lines. */
    Map<String, List<Integer>> breakpoints() {
        return breakpoints.requested();
    }

    /** Whether a step landed on the first line of a snippet's do_it$ or do_it$Aux: its first line, for the user. */
    private static boolean isSnippetStart(Location location) {
        String method = location.method().name();
        return (method.equals("do_it$") || method.equals("do_it$Aux"))
                && location.lineNumber() == location.method().location().lineNumber();
    }

    /** setExceptionBreakpoints with the "uncaught" filter: stop where an exception leaves cell code. */
    void setBreakOnUncaught(boolean on) {
        synchronized (lock) {
            breakOnUncaught = on;
            if (vm == null) {
                return;
            }
            if (exceptionRequest != null) {
                vm.eventRequestManager().deleteEventRequest(exceptionRequest);
                ours.remove(exceptionRequest);
                exceptionRequest = null;
            }
            if (on) {
                // JShell catches whatever a snippet throws, so "uncaught" means caught by JShell or nobody.
                exceptionRequest = vm.eventRequestManager().createExceptionRequest(null, true, true);
                exceptionRequest.setSuspendPolicy(EventRequest.SUSPEND_EVENT_THREAD);
                exceptionRequest.enable();
                ours.add(exceptionRequest);
            }
        }
    }

    // ---- news from the engine ----

    /** While debugging, every snippet is previewed, so a pause or an exception anywhere maps to its cell line. */
    volatile boolean previewAll;

    @Override
    public boolean wantsPreview(String cell) {
        return previewAll || !breakpoints.isEmpty() && breakpoints.has(files.pathOf(cell));
    }

    /** A pause came between two snippets of a cell: the next one stops at its start. */
    private volatile boolean pauseAtNextSnippet;
    /** The snippet last sent to run: a pause may find it sent but not yet in its own code. */
    private volatile SnippetLocation lastInvoked;

    @Override
    public void invoking(SnippetLocation location) {
        if (!attached()) {
            return;  // also where a fresh executor gets the breakpoints set before the old one ended
        }
        lastInvoked = location;
        armLocation(location);
        PendingStep step = pendingStep;
        boolean cellStep = step != null && step.depth() != StepRequest.STEP_OUT && CELL_THREAD.equals(Invoker.safeName(step.thread()));
        String reason = pauseAtNextSnippet ? "pause" : cellStep ? "step" : null;
        if (reason == null) {
            return;
        }
        // A pause between snippets, or a Next or Step In that ran off the end of the last snippet (its caller
        // is JShell's, where stepping does not stop): the next snippet of the cell stops as it starts.
        pauseAtNextSnippet = false;
        pendingStep = null;
        synchronized (lock) {
            deleteSteps();
            armSnippetStart(location, reason);
        }
    }

    /** A one-shot breakpoint where the snippet's own code starts, which stops there for {@code reason}. Hold lock. */
    private void armSnippetStart(SnippetLocation location, String reason) {
        for (ReferenceType type : vm.classesByName(location.className())) {
            List<com.sun.jdi.Method> methods = type.methodsByName("do_it$Aux");
            for (com.sun.jdi.Method method : methods.isEmpty() ? type.methodsByName("do_it$") : methods) {
                BreakpointRequest request = vm.eventRequestManager().createBreakpointRequest(method.location());
                request.setSuspendPolicy(EventRequest.SUSPEND_EVENT_THREAD);
                request.putProperty("snippetStart", reason);
                request.addCountFilter(1);
                request.enable();
                ours.add(request);
            }
        }
    }

    /** Deletes the snippet-start breakpoints not reached (a pause's, armed on a snippet that had already begun). */
    private void deleteSnippetStarts() {
        synchronized (lock) {
            for (EventRequest request : ours) {  // a copy-on-write list: removing while iterating is safe
                if (request instanceof BreakpointRequest start && start.getProperty("snippetStart") != null) {
                    try {
                        start.virtualMachine().eventRequestManager().deleteEventRequest(start);
                    } catch (VMDisconnectedException e) {
                        // Gone with its executor.
                    }
                    ours.remove(start);
                }
            }
        }
    }

    /** A step under way on the thread running the cell, and the class it started in. */
    private record PendingStep(ThreadReference thread, int depth, String fromClass, int fromLine) {
    }

    private volatile PendingStep pendingStep;

    private void deleteSteps() {
        VirtualMachine current = vm;
        if (current != null) {
            try {
                current.eventRequestManager().deleteEventRequests(
                        new ArrayList<>(current.eventRequestManager().stepRequests()));
            } catch (VMDisconnectedException e) {
                // Gone.
            }
        }
    }

    @Override
    public void evaluated(List<SnippetLocation> locations) {
        if (breakpoints.isEmpty() || !attached()) {
            return;
        }
        for (SnippetLocation location : locations) {
            armLocation(location);
        }
    }

    private void armLocation(SnippetLocation location) {
        String path = files.pathOf(location.cell());
        if (!breakpoints.has(path) || !attached()) {
            return;
        }
        synchronized (lock) {
            breakpoints.arm(vm, path, location);
        }
    }

    @Override
    public void cellEnded() {
        pauseAtNextSnippet = false;
        pendingStep = null;
        deleteSnippetStarts();
        deleteSteps();  // a step that ran off the end of the cell must not stop the next one
    }

    // ---- events (JDI's event thread) ----

    @Override
    public void events(EventSet set) {
        boolean stays = false;
        for (Event event : set) {
            try {
                stays |= handle(event);
            } catch (VMDisconnectedException e) {
                return;
            } catch (RuntimeException e) {
                LOG.warning("debugger event " + event + " failed: " + e);
            }
        }
        if (!stays) {
            set.resume();
        }
    }

    /** Handles one event; true when its thread stays suspended. */
    private boolean handle(Event event) {
        if (event instanceof ClassPrepareEvent prepared) {
            SnippetLocation location = target.locationOf(prepared.referenceType().name());
            if (location != null) {
                String path = files.pathOf(location.cell());
                if (breakpoints.has(path)) {
                    synchronized (lock) {
                        breakpoints.arm(path, location, prepared.referenceType());
                    }
                }
            }
            return false;
        }
        if (event instanceof BreakpointEvent hit) {
            if (invoker.isProbeRequest(hit.request())) {
                invoker.probeArrived(hit.thread());
                return true;
            }
            if (ours(hit.thread())) {
                return false;
            }
            if (hit.request().getProperty("snippetStart") instanceof String reason) {
                pauseAtNextSnippet = false;  // a pause's stop has come: the snippets after this one run on
                hit.virtualMachine().eventRequestManager().deleteEventRequest(hit.request());
                ours.remove(hit.request());
                stop(hit.thread(), reason, true, null, List.of());
                return true;
            }
            Object id = hit.request().getProperty("id");
            stop(hit.thread(), "breakpoint", true, null, id instanceof Integer number ? List.of(number) : List.of());
            return true;
        }
        if (event instanceof StepEvent step) {
            step.virtualMachine().eventRequestManager().deleteEventRequest(step.request());
            if (ours(step.thread())) {
                return false;
            }
            SnippetLocation location = target.locationOf(step.location().declaringType().name());
            PendingStep under = pendingStep;
            boolean sameSnippet = under != null && step.location().declaringType().name().equals(under.fromClass());
            int line = location == null || location.wrapper() == null ? 0
                    : LineMap.cellLine(location, step.location().lineNumber());
            boolean generated = line < 0 && (sameSnippet || !isSnippetStart(step.location()));
            // JShell spreads a declaration over several wrapper lines that are all one line of the cell: a Next
            // still has to reach another line.
            boolean sameLine = sameSnippet && line > 0 && line == under.fromLine() && step.location().method().name()
                    .startsWith("do_it$") && under.depth() == StepRequest.STEP_OVER;
            if (generated || sameLine) {
                // JShell's own wrapper code (a do_it$'s return): step on to the user's next line.
                step(step.thread(), ((StepRequest) step.request()).depth());
                return false;
            }
            pendingStep = null;
            stop(step.thread(), "step", true, null, List.of());
            return true;
        }
        if (event instanceof ExceptionEvent thrown) {
            if (ours(thrown.thread()) || !leavesCellCode(thrown)) {
                return false;
            }
            stop(thrown.thread(), "exception", true, thrown.exception(), List.of());
            return true;
        }
        if (event instanceof ThreadStartEvent started) {
            events.thread("started", started.thread().uniqueID());
        } else if (event instanceof ThreadDeathEvent ended) {
            events.thread("exited", ended.thread().uniqueID());
        } else if (event instanceof VMDeathEvent || event instanceof VMDisconnectEvent) {
            executorGone();
        }
        return false;
    }

    /** A thread of the user's: in the main group, not one of the executor's own ({@code callisto-…}). */
    private static boolean isUserThread(ThreadReference thread) {
        try {
            return thread.threadGroup() != null && "main".equals(thread.threadGroup().name())
                    && !thread.name().startsWith("callisto-");
        } catch (RuntimeException e) {
            return false;  // it ended meanwhile
        }
    }

    private boolean ours(ThreadReference thread) {
        return invoker.isCalling(thread) || invoker.isProbeThread(thread);
    }

    private void stop(ThreadReference thread, String reason, boolean byEvent, ObjectReference exception,
            List<Integer> hit) {
        stopped.put(thread.uniqueID(), new Stop(thread, reason, byEvent, exception));
        events.stopped(reason, thread.uniqueID(), hit);
    }

    /** Whether a thrown exception leaves the user's code: caught by JShell's invoke, or by nobody. */
    private static boolean leavesCellCode(ExceptionEvent thrown) {
        String type = thrown.exception().referenceType().name();
        if (type.startsWith("io.callisto.")) {
            return false;  // the kernel's own stop, thrown by an interrupt
        }
        Location caught = thrown.catchLocation();
        if (caught != null) {
            String catcher = caught.declaringType().name();
            boolean jshell = catcher.startsWith("jdk.jshell.") || catcher.startsWith("io.callisto.")
                    || catcher.startsWith("jdk.internal.reflect.") || catcher.startsWith("java.lang.reflect.");
            if (!jshell) {
                return false;
            }
        }
        try {
            for (StackFrame frame : thrown.thread().frames()) {
                if (frame.location().declaringType().name().startsWith("REPL.")) {
                    return true;
                }
            }
        } catch (IncompatibleThreadStateException e) {
            return false;
        }
        return false;
    }

    private void executorGone() {
        synchronized (lock) {
            if (vm == null) {
                return;  // told already (VM death, then disconnection)
            }
            vm = null;
        }
        for (Long id : stopped.keySet()) {
            events.continued(id);
        }
        stopped.clear();
        frames.clear();
        variables.clear();
        events.output("The JVM running cells ended; the debugger attaches to the next one, breakpoints kept.\n");
    }

    // ---- stopped threads ----

    /** The stopped thread with this id, or the only stopped thread when the id is not one (clients send 1). */
    Stop stopOf(Long threadId) {
        Stop stop = threadId == null ? null : stopped.get(threadId);
        if (stop == null && stopped.size() == 1) {
            stop = stopped.values().iterator().next();
        }
        return stop;
    }

    List<Long> stoppedThreads() {
        return new ArrayList<>(stopped.keySet());
    }

    /** A thread stopped by a debugger event, which can call methods; null when none is. */
    ThreadReference callingThread() {
        for (Stop stop : stopped.values()) {
            if (stop.byEvent()) {
                return stop.thread();
            }
        }
        return null;
    }

    /**
     * continue, next, stepIn, stepOut: resumes a stopped thread, stepping by {@code depth} (a StepRequest
     * depth) or not at all with null.
     *
     * @throws IllegalArgumentException when the thread is not stopped
     */
    long resume(Long threadId, Integer depth) {
        Stop stop = stopOf(threadId);
        if (stop == null) {
            throw new IllegalArgumentException("thread " + threadId + " is not stopped");
        }
        long id = stop.thread().uniqueID();
        stopped.remove(id);
        frames.clear();
        variables.clear();
        if (depth != null) {
            // A paused thread may stand in the JDK's native code (sleep, a read), where the JVM cannot watch a
            // frame return: stepping into instead stops at the next line of the user's code all the same.
            boolean inUserCode = stop.byEvent() || topFrameIsUsers(stop.thread());
            step(stop.thread(), inUserCode ? depth : StepRequest.STEP_INTO);
            String fromClass = topClass(stop.thread());
            pendingStep = new PendingStep(stop.thread(), depth, fromClass, cellLineOfTop(stop.thread(), fromClass));
        } else {
            pendingStep = null;
        }
        // Told before the thread moves: its next stop must reach the client after this, or the client, which
        // clears its stopped state on 'continued', would clear the new stop.
        events.continued(id);
        stop.thread().resume();
        return id;
    }

    /** The cell line the thread's top frame is on, or -1. */
    private int cellLineOfTop(ThreadReference thread, String className) {
        SnippetLocation location = className == null ? null : target.locationOf(className);
        if (location == null || location.wrapper() == null) {
            return -1;
        }
        try {
            return LineMap.cellLine(location, thread.frame(0).location().lineNumber());
        } catch (IncompatibleThreadStateException e) {
            return -1;
        }
    }

    private static String topClass(ThreadReference thread) {
        try {
            return thread.frameCount() > 0 ? thread.frame(0).location().declaringType().name() : null;
        } catch (IncompatibleThreadStateException e) {
            return null;
        }
    }

    private static boolean topFrameIsUsers(ThreadReference thread) {
        try {
            return thread.frameCount() > 0 && !StackFrames.isHidden(thread.frame(0).location().declaringType().name());
        } catch (IncompatibleThreadStateException e) {
            return false;
        }
    }

    private void step(ThreadReference thread, int depth) {
        EventRequestManager requests = thread.virtualMachine().eventRequestManager();
        for (StepRequest existing : new ArrayList<>(requests.stepRequests())) {
            if (existing.thread().equals(thread)) {
                requests.deleteEventRequest(existing);
            }
        }
        StepRequest request = requests.createStepRequest(thread, StepRequest.STEP_LINE, depth);
        STEP_EXCLUDED.forEach(request::addClassExclusionFilter);
        request.addCountFilter(1);
        request.setSuspendPolicy(EventRequest.SUSPEND_EVENT_THREAD);
        request.enable();
    }

    /** Resumes every stopped thread (an interrupt, a disconnect), telling the client. */
    void resumeAll() {
        for (Long id : new ArrayList<>(stopped.keySet())) {
            try {
                resume(id, null);
            } catch (RuntimeException e) {
                stopped.remove(id);
            }
        }
        deleteSteps();
    }

    /**
     * pause: suspends the thread running the cell where it is.
     *
     * @return the paused thread's id
     * @throws IllegalStateException when no cell is running
     */
    long pause(Long threadId) {
        if (!attached()) {
            throw new IllegalStateException("no JVM is running cells");
        }
        ThreadReference thread = null;
        for (ThreadReference candidate : vm.allThreads()) {
            // JupyterLab asks to pause thread 1 when none is stopped: an id that names no thread of the user's
            // (a JDK thread, the executor's comm or output threads) means the cell's.
            if (threadId != null && candidate.uniqueID() == threadId && !ours(candidate) && isUserThread(candidate)) {
                thread = candidate;
                break;
            }
            if (CELL_THREAD.equals(candidate.name())) {
                thread = candidate;
            }
        }
        if (thread == null) {
            throw new IllegalStateException("no thread to pause");
        }
        if (stopped.containsKey(thread.uniqueID())) {
            return thread.uniqueID();
        }
        thread.suspend();
        try {
            if (!runsUserCode(thread)) {
                if (!target.cellRunning()) {
                    thread.resume();
                    throw new IllegalStateException("no cell is running");
                }
                // Between two snippets (the next one compiling): it stops as it starts. Or the snippet is sent
                // but not yet in its own code (the invoke on its way): armed while the thread is still
                // suspended, it stops as it enters.
                pauseAtNextSnippet = true;
                SnippetLocation invoked = lastInvoked;
                if (invoked != null) {
                    synchronized (lock) {
                        armSnippetStart(invoked, "pause");
                    }
                }
                thread.resume();
                return thread.uniqueID();
            }
        } catch (IncompatibleThreadStateException e) {
            thread.resume();
            throw new IllegalStateException("the thread could not be paused: " + e);
        }
        stopped.put(thread.uniqueID(), new Stop(thread, "pause", false, null));
        events.stopped("pause", thread.uniqueID(), List.of());
        return thread.uniqueID();
    }

    private static boolean runsUserCode(ThreadReference thread) throws IncompatibleThreadStateException {
        for (StackFrame frame : thread.frames()) {
            if (frame.location().declaringType().name().startsWith("REPL.")) {
                return true;
            }
        }
        return false;
    }

    /** threads: the cell's thread, threads stopped now, and the threads cells started. */
    List<Dap.Thread> threads() {
        List<Dap.Thread> threads = new ArrayList<>();
        if (!attached()) {
            return threads;
        }
        for (ThreadReference thread : vm.allThreads()) {
            try {
                if (isUserThread(thread) || stopped.containsKey(thread.uniqueID())) {
                    threads.add(new Dap.Thread(thread.uniqueID(), thread.name()));
                }
            } catch (RuntimeException e) {
                // A thread that ended meanwhile.
            }
        }
        return threads;
    }

    /**
     * stackTrace: the stopped thread's frames, as {@link StackFrames} shows them.
     *
     * @throws IllegalArgumentException when the thread is not stopped
     */
    List<Dap.StackFrame> stackTrace(Long threadId) throws IncompatibleThreadStateException {
        Stop stop = stopOf(threadId);
        if (stop == null) {
            throw new IllegalArgumentException("thread " + threadId + " is not stopped");
        }
        return frames.of(stop.thread());
    }

    /** The frame with this id from the last stackTrace, or null. */
    Variables.FrameScope frame(int frameId) {
        return frames.frame(frameId);
    }
}
