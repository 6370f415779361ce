package io.callisto.engine;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import jdk.jshell.Diag;
import jdk.jshell.EvalException;
import jdk.jshell.JShellException;
import jdk.jshell.UnresolvedReferenceException;

/**
 * Readable tracebacks: compile diagnostics with the cell's line and a caret, runtime stack traces whose
 * snippet frames read "cell N, line M" and whose kernel and JShell frames are cut off. ANSI bold and red only,
 * which read on light and dark themes alike.
 */
final class Tracebacks {
    static final String COMPILATION_ERROR = "CompilationError";
    private static final String RED = "\u001b[1;31m";
    private static final String CYAN = "\u001b[36m";
    private static final String RESET = "\u001b[0m";

    /** Where a snippet's source starts: in which cell, at which line. */
    record Origin(int cellNumber, int firstLine) {
    }

    private static final java.util.regex.Pattern WRAPPER_PREFIX =
            java.util.regex.Pattern.compile("REPL\\.\\$JShell\\$\\d+[A-Z]*[.$]");

    private final Map<String, Origin> origins = new ConcurrentHashMap<>();

    /** "REPL.$JShell$17.o" reads "o" and "REPL.$JShell$12$Point" reads "Point", as the user wrote them. */
    static String withoutWrappers(String text) {
        return text == null ? null : WRAPPER_PREFIX.matcher(text).replaceAll("");
    }

    void remember(String snippetId, int cellNumber, int firstLine) {
        origins.put(snippetId, new Origin(cellNumber, firstLine));
    }

    Engine.Failure compileError(String cell, int cellNumber, int snippetStart, String snippetSource, List<Diag> diags) {
        List<String> lines = new ArrayList<>();
        String first = null;
        for (Diag diag : diags) {
            if (!diag.isError()) {
                continue;
            }
            // JShell's wrapper classes have no name a user knows: drop them from javac's message.
            String message = withoutWrappers(diag.getMessage(Locale.ROOT)).replaceAll("(?m)^\\s*location: class\\s*$\\n?", "").strip();
            int position = (int) Math.max(0, diag.getPosition() >= 0 ? diag.getPosition() : diag.getStartPosition());
            int startInSnippet = (int) Math.max(0, Math.min(diag.getStartPosition(), position));
            int endInSnippet = (int) Math.max(position + 1, diag.getEndPosition());
            int[] where = CellSplitter.lineAndColumn(cell, snippetStart + Math.min(position, snippetSource.length()));
            if (first == null) {
                first = message.lines().findFirst().orElse(message) + " (line " + where[0] + ")";
            }
            lines.add(RED + "Compilation error" + RESET + " in cell [" + cellNumber + "], line " + where[0]
                    + ", column " + where[1] + ":");
            lines.add(message.lines().findFirst().orElse(message));
            lines.addAll(caret(cell, snippetStart + startInSnippet, snippetStart + Math.min(endInSnippet, snippetSource.length())));
            message.lines().skip(1).forEach(lines::add);
        }
        if (first == null) {
            first = "the snippet was rejected";
            lines.add(RED + "Compilation error" + RESET + " in cell [" + cellNumber + "]: " + first);
        }
        return new Engine.Failure(COMPILATION_ERROR, first, lines);
    }

    /** The offending line of the cell and a caret row under the span from start to end. */
    private static List<String> caret(String cell, int start, int end) {
        int lineStart = cell.lastIndexOf('\n', Math.max(0, Math.min(start, cell.length()) - 1)) + 1;
        int lineEnd = cell.indexOf('\n', lineStart);
        if (lineEnd < 0) {
            lineEnd = cell.length();
        }
        String line = cell.substring(lineStart, lineEnd);
        int from = Math.max(0, start - lineStart);
        int to = Math.max(from + 1, Math.min(end, lineEnd) - lineStart);
        StringBuilder marks = new StringBuilder("    ");
        for (int i = 0; i < from; i++) {
            marks.append(line.charAt(Math.min(i, line.length() - 1)) == '\t' ? '\t' : ' ');
        }
        marks.append(RED).append("^".repeat(Math.max(1, to - from))).append(RESET);
        return List.of("    " + line, marks.toString());
    }

    Engine.Failure runtimeError(JShellException exception) {
        if (exception instanceof UnresolvedReferenceException unresolved) {
            String evalue = "'" + unresolved.getSnippet().source().strip().lines().findFirst().orElse("")
                    + "' uses a definition that does not exist yet; declare what it needs, then run it again";
            return new Engine.Failure("UnresolvedReference", evalue, List.of(RED + "UnresolvedReference" + RESET + ": " + evalue));
        }
        EvalException eval = (EvalException) exception;
        String ename = withoutWrappers(eval.getExceptionClassName());
        String evalue = eval.getMessage() == null ? "" : withoutWrappers(eval.getMessage());
        List<String> lines = new ArrayList<>();
        appendThrowable(lines, eval, "");
        return new Engine.Failure(ename, evalue, lines);
    }

    private void appendThrowable(List<String> lines, Throwable throwable, String prefix) {
        String className = withoutWrappers(throwable instanceof EvalException eval
                ? eval.getExceptionClassName() : throwable.getClass().getName());
        String message = withoutWrappers(throwable.getMessage());
        lines.add(prefix + RED + className + RESET + (message == null ? "" : ": " + message));
        List<StackTraceElement> frames = userFrames(throwable.getStackTrace());
        for (int i = 0; i < frames.size(); i++) {
            int repeats = 0;
            while (i + repeats + 1 < frames.size() && frames.get(i + repeats + 1).equals(frames.get(i))) {
                repeats++;
            }
            lines.add("    at " + describe(frames.get(i)));
            if (repeats > 2) {
                // Deep recursion (a StackOverflowError): one line for the run, not a thousand.
                lines.add("    ... the frame above repeats " + repeats + " more times");
                i += repeats;
            }
        }
        Throwable cause = throwable.getCause();
        if (cause != null && cause != throwable && lines.size() < 500) {
            appendThrowable(lines, cause, "Caused by: ");
        }
    }

    /** The frames down to the last snippet frame: below it are JShell's and the executor's own. */
    private static List<StackTraceElement> userFrames(StackTraceElement[] frames) {
        int last = -1;
        for (int i = 0; i < frames.length; i++) {
            if (isSnippetFrame(frames[i])) {
                last = i;
            }
        }
        if (last < 0) {
            List<StackTraceElement> kept = new ArrayList<>();
            for (StackTraceElement frame : frames) {
                if (isInternal(frame)) {
                    break;
                }
                kept.add(frame);
            }
            return kept;
        }
        return List.of(frames).subList(0, last + 1);
    }

    private static boolean isSnippetFrame(StackTraceElement frame) {
        return frame.getFileName() != null && frame.getFileName().startsWith("#");
    }

    private static boolean isInternal(StackTraceElement frame) {
        String name = frame.getClassName();
        return name.startsWith("jdk.jshell.") || name.startsWith("io.callisto.")
                || name.startsWith("jdk.internal.reflect.") || name.startsWith("java.lang.reflect.");
    }

    private String describe(StackTraceElement frame) {
        if (!isSnippetFrame(frame)) {
            return frame.toString();
        }
        Origin origin = origins.get(frame.getFileName().substring(1));
        String where = origin == null
                ? "snippet " + frame.getFileName().substring(1) + ", line " + frame.getLineNumber()
                : "cell [" + origin.cellNumber() + "], line " + (origin.firstLine() + Math.max(1, frame.getLineNumber()) - 1);
        String owner = userClassName(frame.getClassName());
        String method = frame.getMethodName();
        String what = owner.isEmpty() ? ("do_it$".equals(method) ? "" : method) : owner + "." + method;
        return (what.isEmpty() ? "" : what + " ") + CYAN + "(" + where + ")" + RESET;
    }

    /** "REPL.$JShell$12$Point" reads "Point"; the snippet wrapper itself reads "". */
    static String userClassName(String className) {
        String name = className.startsWith("REPL.") ? className.substring("REPL.".length()) : className;
        if (!name.startsWith("$JShell$")) {
            return name;
        }
        int nested = name.indexOf('$', "$JShell$".length());
        return nested < 0 ? "" : name.substring(nested + 1).replace('$', '.');
    }
}
