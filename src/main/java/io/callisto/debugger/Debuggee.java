package io.callisto.debugger;

import com.sun.jdi.AbsentInformationException;
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
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
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
    /** Requested breakpoint lines by cell path. */
    private final Map<String, List<Integer>> breakpoints = new ConcurrentHashMap<>();
    private final Map<String, Integer> breakpointIds = new ConcurrentHashMap<>();
    private final AtomicInteger nextBreakpointId = new AtomicInteger(1);
    /** Breakpoint requests set, by cell path, and the classes they were set in. */
    private final Map<String, List<BreakpointRequest>> armed = new ConcurrentHashMap<>();
    private final Set<String> armedClasses = ConcurrentHashMap.newKeySet();
    private final Map<Long, Stop> stopped = new ConcurrentHashMap<>();
    private final Map<Integer, Variables.FrameScope> frames = new ConcurrentHashMap<>();
    private final AtomicInteger nextFrame = new AtomicInteger(1);

    Debuggee(DebugTarget target, CellFiles files, Events events) {
        this.target = target;
        this.files = files;
        this.events = events;
        this.variables = new Variables(target, invoker);
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
        armed.clear();
        armedClasses.clear();
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
        for (String path : breakpoints.keySet()) {
            rearm(path);
        }
    }

    /** Ends debugging: every request removed, every stopped thread resumed, breakpoints forgotten. */
    void detach() {
        synchronized (lock) {
            breakpoints.clear();
            resumeAll();
            if (vm != null) {
                try {
                    vm.eventRequestManager().deleteEventRequests(new ArrayList<>(ours));
                    vm.eventRequestManager().deleteEventRequests(new ArrayList<>(vm.eventRequestManager().stepRequests()));
                } catch (VMDisconnectedException e) {
                    // Gone already.
                }
            }
            ours.clear();
            armed.clear();
            armedClasses.clear();
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
            if (lines.isEmpty()) {
                breakpoints.remove(path);
            } else {
                breakpoints.put(path, List.copyOf(lines));
            }
            if (vm != null) {
                prepareRequest.setEnabled(!breakpoints.isEmpty());
                rearm(path);
            }
        }
        List<Dap.Breakpoint> answer = new ArrayList<>();
        for (int line : lines) {
            answer.add(new Dap.Breakpoint(breakpointId(path, line), true, line, Dap.Source.of(path), null));
        }
        return answer;
    }

    /** Every breakpoint, for debugInfo: path → lines. */
    Map<String, List<Integer>> breakpoints() {
        return new LinkedHashMap<>(breakpoints);
    }

    private int breakpointId(String path, int line) {
        return breakpointIds.computeIfAbsent(path + ":" + line, key -> nextBreakpointId.getAndIncrement());
    }

    private void rearm(String path) {
        List<BreakpointRequest> old = armed.remove(path);
        if (old != null) {
            try {
                vm.eventRequestManager().deleteEventRequests(old);
            } catch (VMDisconnectedException e) {
                return;
            }
            ours.removeAll(old);
        }
        armedClasses.removeIf(key -> key.startsWith(path + "|"));
        if (!breakpoints.containsKey(path)) {
            return;
        }
        for (SnippetLocation location : target.locations()) {
            if (files.pathOf(location.cell()).equals(path)) {
                for (ReferenceType type : vm.classesByName(location.className())) {
                    armWithNested(path, location, type);
                }
            }
        }
    }

    private void armWithNested(String path, SnippetLocation location, ReferenceType type) {
        arm(path, location, type);
        for (ReferenceType nested : type.nestedTypes()) {
            armWithNested(path, location, nested);
        }
    }

    /** Sets the path's breakpoints that fall in {@code location}'s snippet in one class of it. */
    private void arm(String path, SnippetLocation location, ReferenceType type) {
        List<Integer> lines = breakpoints.get(path);
        if (lines == null || !type.isPrepared() || !armedClasses.add(path + "|" + type.name())) {
            return;
        }
        int[] span = LineMap.span(location);
        EventRequestManager requests = type.virtualMachine().eventRequestManager();
        for (int line : lines) {
            if (line < span[0] || line > span[1]) {
                continue;
            }
            for (int wrappedLine : LineMap.wrappedLines(location, line)) {
                List<Location> code;
                try {
                    code = type.locationsOfLine(wrappedLine);
                } catch (AbsentInformationException e) {
                    code = List.of();
                }
                if (code.isEmpty()) {
                    continue;
                }
                Set<com.sun.jdi.Method> methods = new HashSet<>();
                for (Location at : code) {
                    if (!methods.add(at.method())) {
                        continue;  // one stop per line and method
                    }
                    BreakpointRequest request = requests.createBreakpointRequest(at);
                    request.setSuspendPolicy(EventRequest.SUSPEND_EVENT_THREAD);
                    request.putProperty("id", breakpointId(path, line));
                    request.enable();
                    armed.computeIfAbsent(path, key -> new CopyOnWriteArrayList<>()).add(request);
                    ours.add(request);
                }
                break;
            }
        }
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

    @Override
    public boolean wantsPreview(String cell) {
        return !breakpoints.isEmpty() && breakpoints.containsKey(files.pathOf(cell));
    }

    @Override
    public void invoking(SnippetLocation location) {
        armLocation(location);
    }

    @Override
    public void evaluated(List<SnippetLocation> locations) {
        if (breakpoints.isEmpty()) {
            return;
        }
        for (SnippetLocation location : locations) {
            armLocation(location);
        }
    }

    private void armLocation(SnippetLocation location) {
        String path = files.pathOf(location.cell());
        if (!breakpoints.containsKey(path) || !attached()) {
            return;
        }
        synchronized (lock) {
            for (ReferenceType type : vm.classesByName(location.className())) {
                armWithNested(path, location, type);
            }
        }
    }

    @Override
    public void cellEnded() {
        VirtualMachine current = vm;
        if (current != null) {
            try {
                // A step that ran off the end of the cell must not stop the next one.
                current.eventRequestManager().deleteEventRequests(
                        new ArrayList<>(current.eventRequestManager().stepRequests()));
            } catch (VMDisconnectedException e) {
                // Gone.
            }
        }
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
                if (breakpoints.containsKey(path)) {
                    synchronized (lock) {
                        arm(path, location, prepared.referenceType());
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
            if (location != null && LineMap.cellLine(location, step.location().lineNumber()) < 0) {
                // JShell's own wrapper code (a do_it$'s return): step on to the user's next line.
                step(step.thread(), ((StepRequest) step.request()).depth());
                return false;
            }
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
        for (Long id : stopped.keySet()) {
            events.continued(id);
        }
        stopped.clear();
        frames.clear();
        variables.clear();
        synchronized (lock) {
            vm = null;
        }
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
            step(stop.thread(), depth);
        }
        stop.thread().resume();
        events.continued(id);
        return id;
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
            if (threadId != null && candidate.uniqueID() == threadId && !ours(candidate)) {
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
                thread.resume();
                throw new IllegalStateException("no cell is running");
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
                String name = thread.name();
                boolean user = thread.threadGroup() != null && "main".equals(thread.threadGroup().name())
                        && !name.startsWith("callisto-");
                if (user || stopped.containsKey(thread.uniqueID())) {
                    threads.add(new Dap.Thread(thread.uniqueID(), name));
                }
            } catch (RuntimeException e) {
                // A thread that ended meanwhile.
            }
        }
        return threads;
    }

    /**
     * stackTrace: the stopped thread's frames in cells (with the cell's path and line) and in libraries (no
     * path); the JDK's and Callisto's frames are left out.
     *
     * @throws IllegalArgumentException when the thread is not stopped
     */
    List<Dap.StackFrame> stackTrace(Long threadId) throws IncompatibleThreadStateException {
        Stop stop = stopOf(threadId);
        if (stop == null) {
            throw new IllegalArgumentException("thread " + threadId + " is not stopped");
        }
        List<Dap.StackFrame> shown = new ArrayList<>();
        List<StackFrame> stack = stop.thread().frames();
        for (int depth = 0; depth < stack.size(); depth++) {
            Location location = stack.get(depth).location();
            String type = location.declaringType().name();
            if (isHidden(type)) {
                continue;
            }
            int id = nextFrame.getAndIncrement();
            frames.put(id, new Variables.FrameScope(stop.thread(), depth));
            SnippetLocation snippet = target.locationOf(type);
            if (snippet != null) {
                int line = LineMap.cellLine(snippet, location.lineNumber());
                shown.add(new Dap.StackFrame(id, frameName(type, location.method().name()),
                        Dap.Source.of(files.pathOf(snippet.cell())), line > 0 ? line : LineMap.span(snippet)[0], 1,
                        null));
            } else {
                String file;
                try {
                    file = location.sourceName();
                } catch (AbsentInformationException e) {
                    file = type;
                }
                shown.add(new Dap.StackFrame(id, Variables.typeName(location.declaringType()) + "."
                        + location.method().name(), new Dap.Source(file, null, "deemphasize"),
                        Math.max(location.lineNumber(), 0), 1, "subtle"));
            }
        }
        return shown;
    }

    private static boolean isHidden(String type) {
        return type.startsWith("java.") || type.startsWith("javax.") || type.startsWith("jdk.")
                || type.startsWith("sun.") || type.startsWith("com.sun.") || type.startsWith("io.callisto.")
                || type.startsWith("io.github.spencerpark.");
    }

    /** A frame's name as the user knows it: the cell, a lambda in it, or a method of a snippet's class. */
    private static String frameName(String type, String method) {
        String within = Variables.typeName(type);
        boolean wrapper = within.startsWith("REPL.") || !type.substring("REPL.$JShell$".length()).contains("$");
        if (method.equals("do_it$")) {
            return "cell";
        }
        if (method.startsWith("lambda$")) {
            return "lambda in " + (method.contains("do_it$") ? "cell" : method.split("\\$")[1]);
        }
        return wrapper ? method : within + "." + method;
    }

    /** The frame with this id from the last stackTrace, or null. */
    Variables.FrameScope frame(int frameId) {
        return frames.get(frameId);
    }
}
