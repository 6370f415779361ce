package io.callisto.debugger;

import com.sun.jdi.AbsentInformationException;
import com.sun.jdi.Location;
import com.sun.jdi.ReferenceType;
import com.sun.jdi.VMDisconnectedException;
import com.sun.jdi.VirtualMachine;
import com.sun.jdi.request.BreakpointRequest;
import com.sun.jdi.request.EventRequest;
import com.sun.jdi.request.EventRequestManager;
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

/**
 * The breakpoints the client asked for (DAP setBreakpoints: lines of a cell, by the cell's path) and the JDI
 * breakpoint requests that carry them out, one per line and method in each class of the cell's snippets
 * (nested, local and anonymous classes included). A cell's classes come and go (a re-run loads new ones, a
 * redefinition clears a class's breakpoints, a fresh executor has other classes), so requests are set again
 * whenever a class of a cell with breakpoints appears. Callers hold the debugger's lock.
 */
final class Breakpoints {
    private final DebugTarget target;
    private final CellFiles files;
    /** Requested lines by cell path. */
    private final Map<String, List<Integer>> requested = new ConcurrentHashMap<>();
    private final Map<String, Integer> ids = new ConcurrentHashMap<>();
    private final AtomicInteger nextId = new AtomicInteger(1);
    /** Requests set, by cell path, and the classes they were set in. */
    private final Map<String, List<BreakpointRequest>> armed = new ConcurrentHashMap<>();
    private final Set<String> armedClasses = ConcurrentHashMap.newKeySet();

    Breakpoints(DebugTarget target, CellFiles files) {
        this.target = target;
        this.files = files;
    }

    /**
     * Replaces the lines of one cell (an empty list clears them); {@link #rearm} sets them.
     *
     * @return one DAP breakpoint per line, in order
     */
    List<Dap.Breakpoint> set(String path, List<Integer> lines) {
        if (lines.isEmpty()) {
            requested.remove(path);
        } else {
            requested.put(path, List.copyOf(lines));
        }
        List<Dap.Breakpoint> answer = new ArrayList<>();
        for (int line : lines) {
            answer.add(new Dap.Breakpoint(id(path, line), true, line, Dap.Source.of(path), null));
        }
        return answer;
    }

    boolean isEmpty() {
        return requested.isEmpty();
    }

    boolean has(String path) {
        return requested.containsKey(path);
    }

    /** Every breakpoint: path → lines. */
    Map<String, List<Integer>> requested() {
        return new LinkedHashMap<>(requested);
    }

    /** Forgets the requests set: their executor JVM has gone. */
    void forgetArmed() {
        armed.clear();
        armedClasses.clear();
    }

    /** Removes every request from {@code vm} and forgets every breakpoint. */
    void clear(VirtualMachine vm) {
        for (List<BreakpointRequest> requests : armed.values()) {
            vm.eventRequestManager().deleteEventRequests(requests);
        }
        forgetArmed();
        requested.clear();
    }

    private int id(String path, int line) {
        return ids.computeIfAbsent(path + ":" + line, key -> nextId.getAndIncrement());
    }

    /** Sets one cell's breakpoints afresh in every class of its snippets loaded in {@code vm}. */
    void rearm(VirtualMachine vm, String path) {
        List<BreakpointRequest> old = armed.remove(path);
        if (old != null) {
            try {
                vm.eventRequestManager().deleteEventRequests(old);
            } catch (VMDisconnectedException e) {
                return;
            }
        }
        armedClasses.removeIf(key -> key.startsWith(path + "|"));
        if (!requested.containsKey(path)) {
            return;
        }
        for (SnippetLocation location : target.locations()) {
            if (files.pathOf(location.cell()).equals(path)) {
                arm(vm, path, location);
            }
        }
    }

    /** Sets the cell's breakpoints in {@code location}'s class and the classes nested in it, as loaded now. */
    void arm(VirtualMachine vm, String path, SnippetLocation location) {
        for (ReferenceType type : vm.classesByName(location.className())) {
            armWithNested(path, location, type);
        }
    }

    private void armWithNested(String path, SnippetLocation location, ReferenceType type) {
        arm(path, location, type);
        for (ReferenceType nested : type.nestedTypes()) {
            armWithNested(path, location, nested);
        }
    }

    /** Sets the path's breakpoints that fall in {@code location}'s snippet in one class of it, once. */
    void arm(String path, SnippetLocation location, ReferenceType type) {
        List<Integer> lines = requested.get(path);
        if (lines == null || !type.isPrepared() || !armedClasses.add(path + "|" + type.name())) {
            return;
        }
        int[] span = LineMap.span(location);
        EventRequestManager requests = type.virtualMachine().eventRequestManager();
        for (int line : lines) {
            if (line < span[0] || line > span[1]) {
                continue;
            }
            List<Location> code = List.of();
            for (int wrappedLine : LineMap.wrappedLines(location, line)) {
                try {
                    code = type.locationsOfLine(wrappedLine);
                } catch (AbsentInformationException e) {
                    code = List.of();
                }
                if (!code.isEmpty()) {
                    break;
                }
            }
            if (code.isEmpty() && line == span[0]) {
                // The snippet's first line, where JShell's wrapper holds the code ("return $1 = …", a var's
                // initialiser in do_it$Aux): the snippet's first code.
                code = snippetStart(type);
            }
            Set<com.sun.jdi.Method> methods = new HashSet<>();
            for (Location at : code) {
                if (!methods.add(at.method())) {
                    continue;  // one stop per line and method
                }
                BreakpointRequest request = requests.createBreakpointRequest(at);
                request.setSuspendPolicy(EventRequest.SUSPEND_EVENT_THREAD);
                request.putProperty("id", id(path, line));
                request.enable();
                armed.computeIfAbsent(path, key -> new CopyOnWriteArrayList<>()).add(request);
            }
        }
    }

    /** Where a snippet's own code starts: its do_it$Aux (a var's initialiser) or do_it$; none for declarations. */
    private static List<Location> snippetStart(ReferenceType type) {
        for (String name : List.of("do_it$Aux", "do_it$")) {
            for (com.sun.jdi.Method method : type.methodsByName(name)) {
                if (method.location() != null && method.location().codeIndex() >= 0) {
                    return List.of(method.location());
                }
            }
        }
        return List.of();
    }

}
