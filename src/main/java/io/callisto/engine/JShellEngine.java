package io.callisto.engine;

import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.logging.Logger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import jdk.jshell.DeclarationSnippet;
import jdk.jshell.JShell;
import jdk.jshell.Snippet;
import jdk.jshell.SnippetEvent;
import jdk.jshell.VarSnippet;

/**
 * Runs cells with JShell: the kernel JVM compiles, the executor JVM ({@link ExecutorLauncher}) runs.
 * When the executor dies (System.exit in a cell, say), the cell fails with the reason and the next cell
 * gets a fresh JShell and executor.
 */
public final class JShellEngine implements Engine {
    private static final Logger LOG = Logger.getLogger(JShellEngine.class.getName());

    /** Snippet kinds whose value is the cell's (or an eval's) result. */
    static final Set<String> VALUE_SUBKINDS =
            Set.of("TEMP_VAR_EXPRESSION_SUBKIND", "VAR_VALUE_SUBKIND", "OTHER_EXPRESSION_SUBKIND");
    private static final Pattern DISPLAY_CALL =
            Pattern.compile("\\s*(?:[\\w.]+\\.)?display\\s*\\(.*\\)\\s*;?\\s*", Pattern.DOTALL);
    private static final Pattern TOP_LEVEL_RETURN = Pattern.compile("\\s*return\\b(.*?);?\\s*", Pattern.DOTALL);
    /** How long an interrupted cell may take to stop before its executor JVM is killed and replaced. */
    private static final long STOP_GRACE_MS = 1000;
    /** How long a completion that found nothing waits for JShell's class index (CompletionIndex), in ms. */
    private static final long INDEX_WAIT_MS = 3000;

    private final EngineConfig config;
    private final PrintStream out;
    private final PrintStream err;
    private final InputSource input;
    private final OutputStream display;
    private final NestedEval.Services nestedServices;
    private final Tracebacks tracebacks = new Tracebacks();
    private final Completions completions = new Completions();
    private final CompletionIndex completionIndex = new CompletionIndex();
    private final Inspector inspector = new Inspector();
    private final CompletenessCheck completeness = new CompletenessCheck();
    private final ReplacedVariables replacedVariables;
    private final Checkpoint checkpoint = new Checkpoint();
    /** What the last swap restored, until a cell has told the user; set and read by the thread running cells. */
    private String untoldRestore;
    /** Variables whose values died with an executor and have not been declared again, for compile errors to name. */
    private final Set<String> lostValues = new HashSet<>();
    private final AtomicInteger tempNames = new AtomicInteger();
    private final ScheduledExecutorService escalation = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread thread = new Thread(r, "callisto-interrupt");
        thread.setDaemon(true);
        return thread;
    });
    private final SessionPool sessions;
    /** The execute_request of the cell about to run, told to the executor before it runs (shell thread only). */
    private String cellMsgId;
    private final DebugTarget debugTarget;
    /** The cell now running (a fresh object per execute), for interrupts to aim at; null between cells. */
    private volatile Object runningCell;
    /** The thread running that cell; another thread's execute meanwhile is a magic the cell called. */
    private volatile Thread cellThread;
    private volatile boolean interrupted;
    private volatile boolean killedForInterrupt;
    /** Subshells' lanes, open until their subshells are deleted. */
    private final Set<EngineLane> lanes = java.util.concurrent.ConcurrentHashMap.newKeySet();

    /**
     * @param config the executor's JVM options, classpath, compiler options and startup code
     * @param out the cells' stdout
     * @param err the cells' stderr
     * @param display where display records from the executor go
     * @param input answers the cells' stdin reads
     * @param magics runs the magics a cell calls with computed arguments ({@code lineMagic(name, args)})
     */
    public JShellEngine(EngineConfig config, OutputStream out, OutputStream err, OutputStream display, InputSource input,
            MagicRunner magics) {
        this.config = config;
        this.display = display;
        this.out = new PrintStream(out, true, StandardCharsets.UTF_8);
        this.err = new PrintStream(err, true, StandardCharsets.UTF_8);
        this.input = input;
        this.replacedVariables = new ReplacedVariables(this.err);
        this.nestedServices = new NestedEval.Services(magics, checkpoint::record);
        this.debugTarget = new DebugTarget(this::currentVm);
        this.sessions = new SessionPool(this::startSession, checkpoint);
    }

    private Session startSession() {
        long started = System.nanoTime();
        Session created = Session.start(config, out, err, display, input, nestedServices, tempNames, debugTarget,
                completionIndex);
        LOG.fine(() -> "JShell and executor ready in " + (System.nanoTime() - started) / 1_000_000 + " ms");
        return created;
    }

    private com.sun.jdi.VirtualMachine currentVm() {
        ExecutorConnection connection = sessions == null ? null : sessions.current().connection();
        return connection == null ? null : connection.vm();
    }

    @Override
    public void cellStarting(String msgId) {
        cellMsgId = msgId;
    }

    @Override
    public long forwardComm(byte[] framedRecord) {
        Session session = sessions.current();
        if (!session.alive()) {
            return -1;
        }
        try {
            session.launcher.sendComm(framedRecord);
        } catch (java.io.IOException e) {
            LOG.fine(() -> "a comm message did not reach the executor: " + e);
            return -1;
        }
        return session.launcher.process().pid();
    }

    @Override
    public long executorId() {
        Session session = sessions.current();
        return session.alive() ? session.launcher.process().pid() : -1;
    }

    @Override
    public DebugTarget debugTarget() {
        return debugTarget;
    }

    /**
     * Keeps one more session started in the background, kept up to date with the notebook's definitions, so
     * that a cell after an executor's death (an exit, a crash, an interrupt that had to kill) finds a fresh
     * one at once, with those definitions in it.
     */
    public void keepWarmSpare() {
        sessions.keepWarmSpare();
    }

    /** Runs the configured startup code; its failures are reported on the cells' stderr, not thrown. */
    public void runStartupCode() {
        if (config.startupCode().isEmpty()) {
            return;
        }
        if (execute(config.startupCode(), 0) instanceof Failure failure) {
            err.println("Callisto: the startup code failed: " + failure.ename() + ": " + failure.evalue());
        }
    }

    /**
     * The live session. A dead one is replaced by the spare, which holds the notebook's definitions and
     * classpath, and the startup code runs again in it; what was restored waits in {@link #untoldRestore}
     * for a cell to tell it.
     */
    private Session liveSession() {
        if (sessions.isLive()) {
            return sessions.current();
        }
        SessionPool.Swap swap = sessions.swap();
        replacedVariables.clear();
        debugTarget.executorReplaced(swap.session().shell, swap.madeFrom());
        runStartupCode();
        untoldRestore = swap.restore().describe();
        lostValues.addAll(swap.restore().lostValues());
        return swap.session();
    }

    /** What the last restore did, once; null when it has been told. */
    private String takeUntoldRestore() {
        String told = untoldRestore;
        untoldRestore = null;
        return told;
    }

    @Override
    public CellOutcome execute(String code, int cellNumber) {
        if (runningCell != null && Thread.currentThread() != cellThread) {
            // A magic the running cell called (%load): part of that cell, which keeps its interrupt state.
            Session current = sessions.current();
            return compiling(current, () -> run(current, code, cellNumber, null));
        }
        sessions.cellStarting();
        Session current = liveSession();
        String restored = takeUntoldRestore();
        if (restored != null) {
            // The executor ended between cells (killed from outside, say): this is the first cell to know.
            err.println("Note: the JVM running cells had ended. " + restored);
        }
        if (current.connection() != null) {
            current.connection().clearPendingStop();
            if (cellMsgId != null) {
                current.connection().cellStarting(cellMsgId);
            }
        }
        Object cell = new Object();
        interrupted = false;
        killedForInterrupt = false;
        cellThread = Thread.currentThread();
        runningCell = cell;
        try {
            return compiling(current, () -> run(current, code, cellNumber, null));
        } finally {
            runningCell = null;
            cellThread = null;
            debugTarget.cellEnded();
            compiling(current, () -> {
                sessions.cellEnded();  // the checkpoint's snapshot, which subshells' cells also record into
                return null;
            });
        }
    }

    /**
     * Runs {@code work} holding the session's compile lock: JShell compiles and keeps its books for one thread
     * at a time (the parent shell's, a subshell's, an eval's), and a thread waiting for its snippet lets go.
     */
    private static <T> T compiling(Session session, java.util.function.Supplier<T> work) {
        ExecutorConnection connection = session.connection();
        return connection == null ? work.get() : connection.compiling(work);
    }

    @Override
    public Lane openLane() {
        EngineLane lane = new EngineLane(this);
        lanes.add(lane);
        return lane;
    }

    void laneClosed(EngineLane lane) {
        lanes.remove(lane);
    }

    /**
     * A subshell's cell: compiled here like the parent's, run on the subshell's thread in the executor. An
     * executor found dead is not replaced from here (the parent shell's next cell does that).
     */
    CellOutcome runOnLane(EngineLane lane, String code, int cellNumber, String msgId) {
        Session current = sessions.current();
        if (!current.alive()) {
            return laneFailure("ExecutorDied", "the JVM running cells has ended; a cell on the parent shell starts a fresh one");
        }
        ExecutorConnection connection = current.connection();
        LaneChannel channel;
        try {
            channel = lane.channelTo(current);
        } catch (java.io.IOException e) {
            return laneFailure("ExecutorDied", "the JVM running cells cannot be reached: " + e.getMessage());
        }
        lane.interrupted = false;
        connection.laneCellStarting(channel);
        lane.running = true;
        connection.routeTo(channel);
        try {
            channel.cellStarting(msgId);
            return compiling(current, () -> run(current, code, cellNumber, lane));
        } finally {
            connection.routeTo(null);
            lane.running = false;
            connection.laneCellEnded(channel);
            channel.outputEnd(msgId);
        }
    }

    private static Failure laneFailure(String ename, String evalue) {
        return new Failure(ename, evalue, List.of("\u001b[1;31m" + ename + "\u001b[0m: " + evalue));
    }

    /** @param lane the subshell's lane the cell runs on, or null for the parent shell */
    private CellOutcome run(Session current, String code, int cellNumber, EngineLane lane) {
        JShell js = current.shell;
        String result = null;
        for (CellSplitter.Piece piece : CellSplitter.split(js.sourceCodeAnalysis(), code)) {
            if (lane == null ? interrupted : lane.interrupted) {
                return interruptedFailure(cellNumber, code, piece.start());
            }
            String source = piece.source();
            Matcher returned = TOP_LEVEL_RETURN.matcher(source);
            boolean isReturn = piece.complete() && returned.matches();
            if (isReturn) {
                source = returned.group(1).strip();
                if (source.isEmpty()) {
                    return new Success(null);
                }
            }
            // Where the snippet's text starts in the cell ('return' taken off or not), for the debugger.
            int sourceOffset = piece.start() + Math.max(0, piece.source().indexOf(source));
            List<SnippetEvent> events;
            try {
                if (lane == null) {
                    debugTarget.pieceStarting(js, code, sourceOffset, source);
                }
                events = js.eval(source);
            } catch (IllegalStateException closed) {
                return lane == null ? executorLost(current, cellNumber, code, piece.start())
                        : laneFailure("ExecutorDied", "the JVM running cells has ended");
            }
            ExecutorConnection connection = current.connection();
            boolean stopped = lane != null ? lane.channel().takeStopped() : connection != null && connection.takeStopped();
            if (!current.alive()) {
                return lane == null ? executorLost(current, cellNumber, code, piece.start())
                        : laneFailure("ExecutorDied", "the JVM running cells ended in this cell");
            }
            if (stopped) {
                return interruptedFailure(cellNumber, code, piece.start());
            }
            SnippetEvent main = events.stream().filter(e -> e.causeSnippet() == null).findFirst().orElse(null);
            if (main == null) {
                continue;
            }
            replacedVariables.review(js, events);
            if (lane == null) {
                debugTarget.evaluated(js, code, sourceOffset, events);
            }
            if (cellNumber > 0) {
                checkpoint.record(events);  // the startup code is not the notebook's: it runs again by itself
            }
            Snippet snippet = main.snippet();
            tracebacks.remember(snippet.id(), cellNumber, CellSplitter.lineAndColumn(code, piece.start())[0]);
            if (Temporaries.drop(js, main)) {
                debugTarget.dropped(snippet);
            }
            if (snippet instanceof VarSnippet declared && main.status().isActive()) {
                lostValues.remove(declared.name());
            }
            if (main.status() == Snippet.Status.REJECTED) {
                return explainLostValues(tracebacks.compileError(code, cellNumber, piece.start(), source,
                        js.diagnostics(snippet).collect(Collectors.toList())));
            }
            if (main.exception() != null) {
                // A read of stdin that an interrupt ended also lands here: report it as the interrupt.
                boolean wasInterrupted = lane == null ? interrupted : lane.interrupted;
                return wasInterrupted ? interruptedFailure(cellNumber, code, piece.start()) : tracebacks.runtimeError(main.exception());
            }
            if (main.status() == Snippet.Status.RECOVERABLE_DEFINED || main.status() == Snippet.Status.RECOVERABLE_NOT_DEFINED) {
                noteUnresolved(js, snippet);
            }
            // display(x) returns its display id; shown as the cell's value it would only be noise.
            boolean displayCall = DISPLAY_CALL.matcher(source).matches();
            result = VALUE_SUBKINDS.contains(snippet.subKind().name()) && !displayCall ? main.value() : null;
            if (isReturn) {
                return shown(current, lane, result);
            }
        }
        return shown(current, lane, result);
    }

    /** The cell's result, its rich form rendered in the executor first (a subshell's lane renders its own). */
    private static Success shown(Session current, EngineLane lane, String result) {
        if (result != null && lane == null && current.connection() != null) {
            current.connection().renderResult();
        }
        return new Success(result);
    }

    /** A compile error about a variable whose value died with an executor says so, and what to do. */
    private Failure explainLostValues(Failure failure) {
        for (String name : lostValues) {
            if (failure.traceback().stream().anyMatch(line -> line.strip().equals("symbol:   variable " + name))) {
                List<String> traceback = new ArrayList<>(failure.traceback());
                traceback.add(name + " was lost when the JVM running cells ended; run its cell again.");
                return new Failure(failure.ename(), failure.evalue() + "; " + name + " was lost when the JVM running"
                        + " cells ended", traceback);
            }
        }
        return failure;
    }

    private void noteUnresolved(JShell js, Snippet snippet) {
        if (snippet instanceof DeclarationSnippet declaration) {
            String missing = js.unresolvedDependencies(declaration).collect(Collectors.joining(", "));
            err.println("Note: " + declaration.name() + " can be used once " + missing + " is declared.");
        }
    }

    private Failure interruptedFailure(int cellNumber, String code, int snippetStart) {
        int line = CellSplitter.lineAndColumn(code, snippetStart)[0];
        String evalue = "the cell was interrupted (cell [" + cellNumber + "], line " + line + ")";
        return new Failure("Interrupted", evalue, List.of("\u001b[1;31mInterrupted\u001b[0m: " + evalue));
    }

    /**
     * The cell's executor JVM ended under it: a fresh one takes over at once, with the notebook's definitions
     * restored, and the cell's error says why the old one ended, what was restored and which values are lost.
     */
    private Failure executorLost(Session dead, int cellNumber, String code, int snippetStart) {
        int line = CellSplitter.lineAndColumn(code, snippetStart)[0];
        String why;
        if (killedForInterrupt) {
            why = "the cell (cell [" + cellNumber + "], line " + line + ") did not stop within " + STOP_GRACE_MS
                    + " ms of the interrupt, so the JVM running cells was restarted";
        } else {
            why = "the JVM running cells ended" + exitDescription(dead.launcher.process()) + " in cell ["
                    + cellNumber + "], line " + line;
        }
        String ename = killedForInterrupt ? "Interrupted" : "ExecutorDied";
        liveSession();
        String evalue = why + ". " + takeUntoldRestore();
        return new Failure(ename, evalue, List.of("\u001b[1;31m" + ename + "\u001b[0m: " + evalue));
    }

    private static String exitDescription(Process process) {
        if (process == null) {
            return "";
        }
        try {
            process.waitFor();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "";
        }
        int exit = process.exitValue();
        return " with exit code " + exit + (exit == 137 ? " (killed: out of memory, or by a signal)" : "");
    }

    /**
     * Stops the running cell through the executor's debugger connection; if it has not stopped within
     * {@link #STOP_GRACE_MS} (stuck in native code, or catching and ignoring the stop), kills its executor.
     */
    @Override
    public void interrupt() {
        boolean lanesRunning = false;
        for (EngineLane lane : lanes) {
            if (lane.running) {
                lane.interrupted = true;
                lanesRunning = true;
            }
        }
        Object cell = runningCell;
        if (cell == null && !lanesRunning) {
            return;
        }
        if (cell != null) {
            interrupted = true;
        }
        Session current = sessions.current();
        try {
            current.shell.stop();
        } catch (IllegalStateException closed) {
            return;
        }
        if (cell == null) {
            return;  // a subshell's cell that does not stop is not escalated: killing would end every shell's work
        }
        escalation.schedule(() -> {
            if (runningCell == cell) {
                LOG.warning("the interrupted cell did not stop within " + STOP_GRACE_MS + " ms: killing its executor JVM");
                killedForInterrupt = true;
                current.kill();
            }
        }, STOP_GRACE_MS, TimeUnit.MILLISECONDS);
    }

    @Override
    public Map<String, CellOutcome> evaluate(Map<String, String> expressions) {
        Map<String, CellOutcome> results = new LinkedHashMap<>();
        if (expressions == null || expressions.isEmpty()) {
            return results;
        }
        Session current = liveSession();
        JShell js = current.shell;
        return compiling(current, () -> {
            for (Map.Entry<String, String> expression : expressions.entrySet()) {
                results.put(expression.getKey(), evaluateOne(js, expression.getValue()));
            }
            return results;
        });
    }

    private CellOutcome evaluateOne(JShell js, String expression) {
        List<SnippetEvent> events = js.eval(expression);
        SnippetEvent main = events.stream().filter(e -> e.causeSnippet() == null).findFirst().orElse(null);
        if (main == null) {
            return new Failure("SyntaxError", "not an expression: " + expression, List.of());
        }
        try {
            if (main.status() == Snippet.Status.REJECTED) {
                return tracebacks.compileError(expression, 0, 0, expression,
                        js.diagnostics(main.snippet()).collect(Collectors.toList()));
            }
            if (main.exception() != null) {
                return tracebacks.runtimeError(main.exception());
            }
            if (!VALUE_SUBKINDS.contains(main.snippet().subKind().name())) {
                return new Failure("SyntaxError", "not an expression: " + expression, List.of());
            }
            return new Success(main.value());
        } finally {
            if (main.snippet().kind() == Snippet.Kind.VAR || main.snippet().kind() == Snippet.Kind.EXPRESSION) {
                js.drop(main.snippet());
            }
        }
    }

    @Override
    public void addToClasspath(String path) {
        liveSession();
        sessions.addToClasspath(path);
    }

    @Override
    public List<Variable> variables() {
        Session current = liveSession();
        JShell js = current.shell;
        return compiling(current, () -> js.variables().filter(v -> js.status(v).isActive())
                .map(v -> new Variable(v.name(), v.typeName(), safeValue(js, v)))
                .collect(Collectors.toList()));
    }

    @Override
    public int variableCount() {
        Session current = liveSession();
        JShell js = current.shell;
        return compiling(current, () -> (int) js.variables().filter(v -> js.status(v).isActive()).count());
    }

    private static String safeValue(JShell js, VarSnippet variable) {
        try {
            return js.varValue(variable);
        } catch (RuntimeException e) {
            return "<unavailable: " + e.getMessage() + ">";
        }
    }

    @Override
    public List<String> imports() {
        Session current = liveSession();
        JShell js = current.shell;
        return compiling(current, () -> js.imports().filter(i -> js.status(i).isActive()).map(i -> i.source().strip())
                .collect(Collectors.toList()));
    }

    @Override
    public Completion complete(String code, int cursor) {
        Session current = liveSession();
        return compiling(current, () -> {
            completionIndex.release();
            Completion found = completions.complete(current.shell, code, cursor);
            // Packages come from JShell's index: a completion that found nothing waits for it, once, and asks again.
            if (found.matches().isEmpty() && completionIndex.await(current.shell, INDEX_WAIT_MS)) {
                found = completions.complete(current.shell, code, cursor);
            }
            return found;
        });
    }

    @Override
    public Inspection inspect(String code, int cursor, int detailLevel) {
        Session current = liveSession();
        return compiling(current, () -> inspector.inspect(current.shell, code, cursor));
    }

    @Override
    public Completeness isComplete(String code) {
        Session current = liveSession();
        return compiling(current, () -> completeness.check(current.shell.sourceCodeAnalysis(), code));
    }

    @Override
    public void close() {
        escalation.shutdownNow();
        sessions.close();
    }
}
