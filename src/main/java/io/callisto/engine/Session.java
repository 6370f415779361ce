package io.callisto.engine;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;
import jdk.jshell.JShell;
import jdk.jshell.SnippetEvent;

/**
 * One JShell with its executor JVM, started and warmed up: the default imports evaluated (which also
 * loads javac's classes and runs a first snippet through the executor). A session is used until its
 * executor dies; then the engine swaps in a spare one.
 */
final class Session {
    private static final java.util.logging.Logger LOG = java.util.logging.Logger.getLogger(Session.class.getName());
    /** The imports of jshell's default startup, which notebooks written for IJava expect. */
    static final List<String> DEFAULT_IMPORTS = List.of(
            "java.io.*", "java.math.*", "java.net.*", "java.nio.file.*", "java.util.*",
            "java.util.concurrent.*", "java.util.function.*", "java.util.prefs.*", "java.util.regex.*",
            "java.util.stream.*");

    /** Functions cells call without an import: Callisto's, and IJava's runtime classes, as IJava imports them. */
    static final List<String> NOTEBOOK_API = List.of("io.callisto.notebook.Notebook",
            "io.github.spencerpark.ijava.runtime.Display", "io.github.spencerpark.ijava.runtime.Kernel",
            "io.github.spencerpark.ijava.runtime.Magics");

    final JShell shell;
    final ExecutorLauncher launcher;
    private final CompletionIndex completionIndex;
    private volatile boolean alive = true;

    private Session(JShell shell, ExecutorLauncher launcher, CompletionIndex completionIndex) {
        this.shell = shell;
        this.launcher = launcher;
        this.completionIndex = completionIndex;
    }

    static Session start(EngineConfig config, PrintStream out, PrintStream err, java.io.OutputStream display,
            InputSource input, NestedEval.Services nestedServices, AtomicInteger tempNames, DebugTarget debugTarget,
            CompletionIndex completionIndex) {
        long started = System.nanoTime();
        ExecutorLauncher launcher = new ExecutorLauncher(config, input, display, nestedServices, debugTarget);
        List<String> vmOptions = new ArrayList<>(config.executorOptions());
        if (config.compilerOptions().contains("--enable-preview") && !vmOptions.contains("--enable-preview")) {
            vmOptions.add("--enable-preview");
        }
        // Line tables name locals (-g), so a debugger stopped in a cell can show them.
        List<String> compilerOptions = new ArrayList<>(config.compilerOptions());
        if (compilerOptions.stream().noneMatch(option -> option.startsWith("-g"))) {
            compilerOptions.add("-g");
        }
        JShell shell = JShell.builder()
                .out(out)
                .err(err)
                .executionEngine(launcher, Map.of())
                .remoteVMOptions(vmOptions.toArray(String[]::new))
                .compilerOptions(compilerOptions.toArray(String[]::new))
                .tempVariableNameGenerator(() -> "$" + tempNames.incrementAndGet())
                .build();
        long built = System.nanoTime();
        Session session = new Session(shell, launcher, completionIndex);
        completionIndex.hold(shell);
        launcher.serveEvals(shell);
        shell.onShutdown(closed -> session.alive = false);
        for (String entry : config.classpath()) {
            shell.addToClasspath(entry);
        }
        // The notebook helpers (readPassword, …) are in the kernel's own jar, which the executor already has.
        shell.addToClasspath(System.getProperty("java.class.path"));
        for (String imported : DEFAULT_IMPORTS) {
            shell.eval("import " + imported + ";");
        }
        for (String api : NOTEBOOK_API) {
            shell.eval("import static " + api + ".*;");
        }
        long imported = System.nanoTime();
        // One snippet with a value through javac, the executor's class loading and invoke, then dropped:
        // the notebook's first cell then runs warm instead of paying for that first time.
        for (var event : shell.eval("String callisto$warmUp = String.valueOf(6 * 7);")) {
            shell.drop(event.snippet());
        }
        long warmed = System.nanoTime();
        LOG.fine(() -> "session: executor connected in " + (built - started) / 1_000_000 + " ms, imports in "
                + (imported - built) / 1_000_000 + " ms, warm-up in " + (warmed - imported) / 1_000_000 + " ms");
        return session;
    }

    /**
     * Runs up to {@code cells} small cells through this session (javac's tasks, the executor's class loading and
     * invoke) so that the kernel JVM's JIT compiles javac's hot paths before the notebook's next cells need them:
     * on JDK 17 here a trivial cell takes 30-50 ms among the first hundred of a session and about 20 ms once the
     * JIT has seen a few hundred. The JIT's code serves every JShell in the JVM, the live session's too. Leaves
     * nothing behind: one variable, dropped at the end, and assignments to it (an assignment takes no
     * temporary's name, so the notebook's {@code $N} go on as before).
     *
     * @param cells at most this many cells, each 10-40 ms of one core
     * @param stop  asked before each cell; true ends the warm-up (a notebook cell has started)
     * @return how many cells ran
     */
    int warmUp(int cells, BooleanSupplier stop) {
        if (stop.getAsBoolean()) {
            return 0;
        }
        int ran = 0;
        try {
            List<SnippetEvent> declared = shell.eval("int callisto$warm = 0;");
            try {
                while (ran < cells && !stop.getAsBoolean() && alive()) {
                    shell.eval("callisto$warm = " + ran + " + 1");
                    ran++;
                }
            } finally {
                for (SnippetEvent event : declared) {
                    if (event.status().isActive()) {
                        shell.drop(event.snippet());
                    }
                }
            }
        } catch (IllegalStateException closed) {
            // The session was closed under the warm-up (the kernel is shutting down): nothing is left to clean.
        }
        return ran;
    }

    boolean alive() {
        return alive && launcher.process() != null && launcher.process().isAlive();
    }

    ExecutorConnection connection() {
        return launcher.connection();
    }

    /** Kills the executor JVM at once; the running snippet, if any, ends and the session is dead. */
    void kill() {
        Process process = launcher.process();
        if (process != null) {
            process.destroyForcibly();
        }
    }

    void close() {
        completionIndex.forget(shell);
        try {
            shell.close();
        } catch (RuntimeException e) {
            kill();
        }
    }
}
