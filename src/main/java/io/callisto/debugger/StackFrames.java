package io.callisto.debugger;

import com.sun.jdi.AbsentInformationException;
import com.sun.jdi.IncompatibleThreadStateException;
import com.sun.jdi.Location;
import com.sun.jdi.ReferenceType;
import com.sun.jdi.StackFrame;
import com.sun.jdi.ThreadReference;
import io.callisto.engine.DebugTarget;
import io.callisto.engine.SnippetLocation;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A stopped thread's frames as DAP stackTrace shows them: frames in snippet classes at their cell's path and
 * line (also while the snippet runs, before JShell gave out its wrapper), library frames without a path and
 * marked subtle, the JDK's and Callisto's left out. Frame ids last until the next resume.
 */
final class StackFrames {
    private final DebugTarget target;
    private final CellFiles files;
    private final Map<Integer, Variables.FrameScope> frames = new ConcurrentHashMap<>();
    private final AtomicInteger nextFrame = new AtomicInteger(1);

    StackFrames(DebugTarget target, CellFiles files) {
        this.target = target;
        this.files = files;
    }

    /** Forgets the frames: their thread resumed. */
    void clear() {
        frames.clear();
    }

    /**
     * stackTrace: the stopped thread's frames in cells (with the cell's path and line) and in libraries (no
     * path); the JDK's and Callisto's frames are left out.
     *
     * @param thread a suspended thread
     * @throws IncompatibleThreadStateException when it is not suspended
     */
    List<Dap.StackFrame> of(ThreadReference thread) throws IncompatibleThreadStateException {
        List<Dap.StackFrame> shown = new ArrayList<>();
        List<StackFrame> stack = thread.frames();
        for (int depth = 0; depth < stack.size(); depth++) {
            Location location = stack.get(depth).location();
            String type = location.declaringType().name();
            if (isHidden(type)) {
                continue;
            }
            int id = nextFrame.getAndIncrement();
            frames.put(id, new Variables.FrameScope(thread, depth));
            SnippetLocation snippet = target.locationOf(type);
            if (snippet != null) {
                int line = snippet.wrapper() != null ? LineMap.cellLine(snippet, location.lineNumber())
                        : LineMap.cellLineByOffset(snippet, location.lineNumber(), firstCodeLine(location.declaringType()));
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

    /** The first line of code in a class's line table (a snippet's first line, when it has code), or 1. */
    private static int firstCodeLine(ReferenceType type) {
        int first = Integer.MAX_VALUE;
        for (com.sun.jdi.Method method : type.methods()) {
            if (method.isConstructor() || method.isStaticInitializer()) {
                continue;  // the wrapper's own, on its class line
            }
            try {
                for (Location location : method.allLineLocations()) {
                    first = Math.min(first, location.lineNumber());
                }
            } catch (AbsentInformationException e) {
                // No lines: nothing to learn from it.
            }
        }
        return first == Integer.MAX_VALUE ? 1 : first;
    }

    static boolean isHidden(String type) {
        return type.contains("$$Lambda") || type.startsWith("java.") || type.startsWith("javax.") || type.startsWith("jdk.")
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

    /** The frame with this id from the last {@link #of}, or null. */
    Variables.FrameScope frame(int frameId) {
        return frames.get(frameId);
    }
}
