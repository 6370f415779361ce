package io.callisto.engine;

import com.sun.jdi.VirtualMachine;
import com.sun.jdi.event.EventSet;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;
import jdk.jshell.JShell;
import jdk.jshell.Snippet;
import jdk.jshell.SnippetEvent;
import jdk.jshell.SourceCodeAnalysis;
import jdk.jshell.VarSnippet;

/**
 * What a debugger sees of the engine, in the kernel JVM: the JDI connection of the executor JVM running cells,
 * that JVM's debugger events, and where every snippet class came from (its cell and offset), so that a
 * breakpoint on a cell's line can be set in the class and a stopped frame mapped back to a cell's line.
 *
 * <p>The engine reports snippets from the thread that runs cells, for every cell, whether or not a debugger
 * is attached: users set breakpoints in cells that ran before they turned the debugger on. A debugger reads
 * from other threads (control, JDI's event thread); everything here is safe for that.
 */
public final class DebugTarget {

    /** The debugger's side. Calls come from the thread running cells, except {@link #events}. */
    public interface Listener {
        /**
         * Events from the executor JVM running cells, on the JDI event thread. The listener resumes the set
         * when it is done with it; it must not block.
         */
        void events(EventSet events);

        /**
         * Whether the debugger wants to know, before it runs, how a snippet of this cell is wrapped: true when
         * the cell has breakpoints. Called before each snippet of each cell, so it must be cheap.
         *
         * @param cell the cell's code
         */
        boolean wantsPreview(String cell);

        /**
         * A snippet's statements are about to run in {@code location}'s class, which is loaded and prepared:
         * the last moment to set breakpoints in it. Called only for cells {@link #wantsPreview} accepted.
         */
        void invoking(SnippetLocation location);

        /** Snippets one piece of a cell defined or changed, with their final wrappers. */
        void evaluated(List<SnippetLocation> locations);

        /** The cell that was running has ended, however it ended. */
        void cellEnded();
    }

    /** The piece being evaluated, with a preview of its wrapper when the debugger asked for one. */
    private record Pending(String cell, int offset, String source, SourceCodeAnalysis.SnippetWrapper preview) {
    }

    private final Supplier<VirtualMachine> currentVm;
    private volatile Listener listener;
    private volatile Pending pending;
    private volatile boolean cellRunning;
    private final Map<String, SnippetLocation> byClass = new ConcurrentHashMap<>();
    /** The locations of the definitions alive in the session, by snippet, for a restore to carry over. */
    private final Map<Snippet, SnippetLocation> bySnippet = java.util.Collections.synchronizedMap(new java.util.IdentityHashMap<>());
    private final Map<String, NotebookVariable> variables = new LinkedHashMap<>();

    DebugTarget(Supplier<VirtualMachine> currentVm) {
        this.currentVm = currentVm;
    }

    /** Attaches a debugger, or detaches it with null. */
    public void listen(Listener listener) {
        this.listener = listener;
    }

    /** The JDI connection to the executor JVM running cells; null before it started or without a debugger agent. */
    public VirtualMachine vm() {
        return currentVm.get();
    }

    /**
     * The snippet that {@code binaryName} (a wrapper class, or a class nested in one) comes from.
     *
     * @return its location, or null for a class that is no snippet's
     */
    public SnippetLocation locationOf(String binaryName) {
        int nested = binaryName.indexOf('$', "REPL.$JShell$".length());
        String outer = nested < 0 ? binaryName : binaryName.substring(0, nested);
        return byClass.get(outer);
    }

    /** Whether a cell is running now (compiling between its snippets counts). */
    public boolean cellRunning() {
        return cellRunning;
    }

    /** Every snippet location known, in no particular order. */
    public List<SnippetLocation> locations() {
        return new ArrayList<>(byClass.values());
    }

    /** The notebook's variables, in the order they were declared; temporaries ($1) left out. */
    public List<NotebookVariable> variables() {
        synchronized (variables) {
            return new ArrayList<>(variables.values());
        }
    }

    // ---- from the engine (the thread running cells) ----

    void pieceStarting(JShell js, String cell, int offset, String source) {
        Listener attached = listener;
        SourceCodeAnalysis.SnippetWrapper preview = null;
        if (attached != null && attached.wantsPreview(cell)) {
            // Costs about a compile, so only for cells with breakpoints.
            List<SourceCodeAnalysis.SnippetWrapper> previews = js.sourceCodeAnalysis().wrappers(source);
            preview = previews.isEmpty() ? null : previews.get(0);
        }
        pending = new Pending(cell, offset, source, preview);
        cellRunning = true;
    }

    /**
     * From an executor connection, on the thread invoking: {@code className}'s do_it$ is about to run in
     * {@code vm}. Only the executor running cells counts: the warm spare runs its own warm-up snippet.
     */
    void invoking(VirtualMachine vm, String className) {
        if (vm == null || vm != currentVm.get()) {
            return;
        }
        Pending piece = pending;
        if (piece == null || byClass.containsKey(className)) {
            return;
        }
        // Known at once, so a pause or an exception in the running snippet maps to the cell (without a preview,
        // by the class's own line table); the snippet's real wrapper replaces this when its eval returns.
        SnippetLocation location = new SnippetLocation(className, piece.cell(), piece.offset(), piece.source(),
                piece.preview());
        byClass.put(className, location);
        Listener attached = listener;
        if (attached != null && piece.preview() != null) {
            attached.invoking(location);
        }
    }

    void evaluated(JShell js, String cell, int offset, List<SnippetEvent> events) {
        pending = null;
        List<SnippetLocation> located = new ArrayList<>();
        for (SnippetEvent event : events) {
            Snippet snippet = event.snippet();
            if (!event.status().isDefined()) {
                forget(snippet);
                bySnippet.remove(snippet);
                continue;
            }
            SourceCodeAnalysis.SnippetWrapper wrapper = js.sourceCodeAnalysis().wrapper(snippet);
            // A dependent recompiled by this piece keeps the cell it was written in.
            SnippetLocation earlier = event.causeSnippet() == null ? null : findBySnippetId(snippet.id());
            SnippetLocation location = earlier == null
                    ? new SnippetLocation(wrapper.fullClassName(), cell, offset, wrapper.source(), wrapper)
                    : new SnippetLocation(wrapper.fullClassName(), earlier.cell(), earlier.cellOffset(),
                            wrapper.source(), wrapper);
            byClass.put(location.className(), location);
            if (event.status().isActive()) {
                bySnippet.put(snippet, location);
            }
            located.add(location);
            if (snippet instanceof VarSnippet variable && !variable.name().startsWith("$")) {
                synchronized (variables) {
                    variables.remove(variable.name());  // a redeclaration moves to the end, as it was made last
                    variables.put(variable.name(),
                            new NotebookVariable(variable.name(), variable.typeName(), wrapper.fullClassName()));
                }
            }
        }
        Listener attached = listener;
        if (attached != null && !located.isEmpty()) {
            attached.evaluated(located);
        }
    }

    /** A snippet the engine dropped by itself (an expression's temporary): its class keeps its location. */
    void dropped(Snippet snippet) {
        bySnippet.remove(snippet);
    }

    private SnippetLocation findBySnippetId(String id) {
        for (SnippetLocation location : byClass.values()) {
            if (location.className().matches("REPL\\.\\$JShell\\$" + id + "[A-Z]*")) {
                return location;
            }
        }
        return null;
    }

    private void forget(Snippet snippet) {
        if (snippet instanceof VarSnippet variable) {
            synchronized (variables) {
                NotebookVariable known = variables.get(variable.name());
                if (known != null && known.className().matches("REPL\\.\\$JShell\\$" + snippet.id() + "[A-Z]*")) {
                    variables.remove(variable.name());
                }
            }
        }
    }

    void cellEnded() {
        pending = null;
        cellRunning = false;
        Listener attached = listener;
        if (attached != null) {
            attached.cellEnded();
        }
    }

    /**
     * A fresh executor took over: the old one's variables died with it, and the definitions restored into it
     * (new snippets in {@code js}, with classes of new names) keep the cells and lines they were written at.
     *
     * @param madeFrom each definition of the old session with the new session's snippet made from it
     */
    void executorReplaced(JShell js, Map<Snippet, Snippet> madeFrom) {
        synchronized (variables) {
            variables.clear();
        }
        Map<Snippet, SnippetLocation> carried = new java.util.IdentityHashMap<>();
        byClass.clear();  // the old executor's classes are gone; the new one may reuse their names
        madeFrom.forEach((original, fresh) -> {
            SnippetLocation was = bySnippet.get(original);
            if (was != null && fresh != null && js.status(fresh).isActive()) {
                SourceCodeAnalysis.SnippetWrapper wrapper = js.sourceCodeAnalysis().wrapper(fresh);
                SnippetLocation location = new SnippetLocation(wrapper.fullClassName(), was.cell(), was.cellOffset(),
                        wrapper.source(), wrapper);
                byClass.put(location.className(), location);
                carried.put(fresh, location);
            }
        });
        bySnippet.clear();
        bySnippet.putAll(carried);
    }

    /** From the JDI event thread of any executor: events of the executor running cells go to the debugger. */
    void events(VirtualMachine from, EventSet events) {
        Listener attached = listener;
        if (attached != null && from == currentVm.get()) {
            attached.events(events);
        } else {
            events.resume();
        }
    }
}
