package io.callisto.engine;

import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.logging.Logger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import jdk.jshell.DeclarationSnippet;
import jdk.jshell.JShell;
import jdk.jshell.Snippet;
import jdk.jshell.SnippetEvent;
import jdk.jshell.SourceCodeAnalysis;

/**
 * Runs cells with JShell: the kernel JVM compiles, the executor JVM ({@link ExecutorLauncher}) runs.
 * When the executor dies (System.exit in a cell, say), the cell fails with the reason and the next cell
 * gets a fresh JShell and executor.
 */
public final class JShellEngine implements Engine {
    private static final Logger LOG = Logger.getLogger(JShellEngine.class.getName());

    /** The imports of jshell's default startup, which notebooks written for IJava expect. */
    static final List<String> DEFAULT_IMPORTS = List.of(
            "java.io.*", "java.math.*", "java.net.*", "java.nio.file.*", "java.util.*",
            "java.util.concurrent.*", "java.util.function.*", "java.util.prefs.*", "java.util.regex.*",
            "java.util.stream.*");
    private static final Set<String> VALUE_SUBKINDS =
            Set.of("TEMP_VAR_EXPRESSION_SUBKIND", "VAR_VALUE_SUBKIND", "OTHER_EXPRESSION_SUBKIND");
    private static final Pattern TOP_LEVEL_RETURN = Pattern.compile("\\s*return\\b(.*?);?\\s*", Pattern.DOTALL);

    private final EngineConfig config;
    private final PrintStream out;
    private final PrintStream err;
    private final InputSource input;
    private final Tracebacks tracebacks = new Tracebacks();
    private final AtomicInteger tempNames = new AtomicInteger();
    private final Object shellLock = new Object();
    private JShell shell;
    private ExecutorLauncher launcher;
    private volatile boolean executorAlive;

    public JShellEngine(EngineConfig config, OutputStream out, OutputStream err, InputSource input) {
        this.config = config;
        this.out = new PrintStream(out, true, StandardCharsets.UTF_8);
        this.err = new PrintStream(err, true, StandardCharsets.UTF_8);
        this.input = input;
        synchronized (shellLock) {
            shell = startShell();
        }
    }

    private JShell startShell() {
        long started = System.nanoTime();
        launcher = new ExecutorLauncher(config, input);
        List<String> vmOptions = new ArrayList<>(config.executorOptions());
        if (config.compilerOptions().contains("--enable-preview") && !vmOptions.contains("--enable-preview")) {
            vmOptions.add("--enable-preview");
        }
        JShell created = JShell.builder()
                .out(out)
                .err(err)
                .executionEngine(launcher, Map.of())
                .remoteVMOptions(vmOptions.toArray(String[]::new))
                .compilerOptions(config.compilerOptions().toArray(String[]::new))
                .tempVariableNameGenerator(() -> "$" + tempNames.incrementAndGet())
                .build();
        executorAlive = true;
        created.onShutdown(closed -> executorAlive = false);
        for (String entry : config.classpath()) {
            created.addToClasspath(entry);
        }
        for (String imported : DEFAULT_IMPORTS) {
            created.eval("import " + imported + ";");
        }
        LOG.fine(() -> "JShell and executor ready in " + (System.nanoTime() - started) / 1_000_000 + " ms");
        return created;
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

    private JShell liveShell() {
        synchronized (shellLock) {
            if (!executorAlive) {
                closeQuietly(shell);
                shell = startShell();
                runStartupCode();
            }
            return shell;
        }
    }

    @Override
    public CellOutcome execute(String code, int cellNumber) {
        JShell js = liveShell();
        String result = null;
        for (CellSplitter.Piece piece : CellSplitter.split(js.sourceCodeAnalysis(), code)) {
            String source = piece.source();
            Matcher returned = TOP_LEVEL_RETURN.matcher(source);
            boolean isReturn = piece.complete() && returned.matches();
            if (isReturn) {
                source = returned.group(1).strip();
                if (source.isEmpty()) {
                    return new Success(null);
                }
            }
            List<SnippetEvent> events;
            try {
                events = js.eval(source);
            } catch (IllegalStateException closed) {
                return executorLost();
            }
            SnippetEvent main = events.stream().filter(e -> e.causeSnippet() == null).findFirst().orElse(null);
            if (!executorAlive) {
                return executorLost();
            }
            if (main == null) {
                continue;
            }
            Snippet snippet = main.snippet();
            tracebacks.remember(snippet.id(), cellNumber, CellSplitter.lineAndColumn(code, piece.start())[0]);
            if (main.status() == Snippet.Status.REJECTED) {
                return tracebacks.compileError(code, cellNumber, piece.start(), source,
                        js.diagnostics(snippet).collect(Collectors.toList()));
            }
            if (main.exception() != null) {
                return tracebacks.runtimeError(main.exception());
            }
            if (main.status() == Snippet.Status.RECOVERABLE_DEFINED || main.status() == Snippet.Status.RECOVERABLE_NOT_DEFINED) {
                noteUnresolved(js, snippet);
            }
            result = VALUE_SUBKINDS.contains(snippet.subKind().name()) ? main.value() : null;
            if (isReturn) {
                return new Success(result);
            }
        }
        return new Success(result);
    }

    private void noteUnresolved(JShell js, Snippet snippet) {
        if (snippet instanceof DeclarationSnippet declaration) {
            String missing = js.unresolvedDependencies(declaration).collect(Collectors.joining(", "));
            err.println("Note: " + declaration.name() + " can be used once " + missing + " is declared.");
        }
    }

    private Failure executorLost() {
        Process process = launcher.process();
        String why = "the JVM running the cells ended";
        if (process != null) {
            try {
                process.waitFor();
                why = why + " with exit code " + process.exitValue();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        String evalue = why + "; earlier declarations are gone, and the next cell starts afresh";
        return new Failure("ExecutorDied", evalue, List.of("\u001b[1;31mExecutorDied\u001b[0m: " + evalue));
    }

    @Override
    public Map<String, CellOutcome> evaluate(Map<String, String> expressions) {
        Map<String, CellOutcome> results = new LinkedHashMap<>();
        if (expressions == null || expressions.isEmpty()) {
            return results;
        }
        JShell js = liveShell();
        for (Map.Entry<String, String> expression : expressions.entrySet()) {
            results.put(expression.getKey(), evaluateOne(js, expression.getValue()));
        }
        return results;
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
    public Completion complete(String code, int cursor) {
        JShell js = liveShell();
        int[] anchor = new int[1];
        List<SourceCodeAnalysis.Suggestion> suggestions =
                js.sourceCodeAnalysis().completionSuggestions(code, cursor, anchor);
        Set<String> matches = new LinkedHashSet<>();
        suggestions.stream().filter(SourceCodeAnalysis.Suggestion::matchesType)
                .forEach(s -> matches.add(s.continuation()));
        suggestions.forEach(s -> matches.add(s.continuation()));
        return new Completion(List.copyOf(matches), anchor[0], cursor);
    }

    @Override
    public Inspection inspect(String code, int cursor, int detailLevel) {
        JShell js = liveShell();
        SourceCodeAnalysis analysis = js.sourceCodeAnalysis();
        List<SourceCodeAnalysis.Documentation> docs = analysis.documentation(code, cursor, true);
        if (docs.isEmpty() && (cursor == 0 || code.charAt(cursor - 1) != '(')) {
            // An identifier at the cursor: ask as if its call had been opened.
            String opened = code.substring(0, cursor) + "(" + code.substring(cursor);
            docs = analysis.documentation(opened, cursor + 1, true);
        }
        if (docs.isEmpty()) {
            return new Inspection(false, "");
        }
        StringBuilder text = new StringBuilder();
        for (SourceCodeAnalysis.Documentation doc : docs) {
            text.append(doc.signature()).append('\n');
            if (doc.javadoc() != null && !doc.javadoc().isBlank()) {
                text.append(doc.javadoc().strip()).append("\n\n");
            }
        }
        return new Inspection(true, text.toString().strip());
    }

    @Override
    public Completeness isComplete(String code) {
        SourceCodeAnalysis analysis = liveShell().sourceCodeAnalysis();
        String remaining = code;
        while (true) {
            SourceCodeAnalysis.CompletionInfo info = analysis.analyzeCompletion(remaining);
            switch (info.completeness()) {
                case COMPLETE, COMPLETE_WITH_SEMI -> {
                    remaining = info.remaining();
                    if (remaining.isBlank()) {
                        return new Completeness("complete", null);
                    }
                }
                case EMPTY -> {
                    return new Completeness("complete", null);
                }
                case DEFINITELY_INCOMPLETE, CONSIDERED_INCOMPLETE -> {
                    return new Completeness("incomplete", Indentation.forContinuation(code));
                }
                default -> {
                    return new Completeness("invalid", null);
                }
            }
        }
    }

    @Override
    public void interrupt() {
        JShell js;
        synchronized (shellLock) {
            js = shell;
        }
        try {
            js.stop();
        } catch (IllegalStateException closed) {
            // Nothing is running in a closed JShell.
        }
    }

    @Override
    public void close() {
        synchronized (shellLock) {
            closeQuietly(shell);
        }
    }

    private static void closeQuietly(JShell js) {
        try {
            js.close();
        } catch (RuntimeException e) {
            LOG.fine(() -> "closing JShell: " + e);
        }
    }
}
