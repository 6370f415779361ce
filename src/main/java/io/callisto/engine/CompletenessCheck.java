package io.callisto.engine;

import java.util.regex.Pattern;
import jdk.jshell.SourceCodeAnalysis;

/**
 * is_complete_request's answer for a cell. JShell's analysis cuts the cell into snippets and says whether
 * the last is unfinished; javac's parser ({@link SnippetSyntax}) then says whether the text could still
 * become Java. As ipykernel answers for Python, code that no continuation can repair is {@code invalid}
 * (JShell alone calls {@code int 3x = 4;} complete, and an open string inside a method incomplete), so a
 * console runs it and shows the error instead of waiting for more lines.
 */
final class CompletenessCheck {
    private static final Pattern ENDS_WITH_ANNOTATION = Pattern.compile("@[\\w.]+\\s*(\\([^()]*\\))?\\s*$");

    private final SnippetSyntax syntax = new SnippetSyntax();

    /**
     * @param analysis the session's JShell analysis (it knows snippet boundaries, not the notebook's names)
     * @param code     the cell as typed
     * @return complete, incomplete (with the indent for the next line) or invalid; never null
     */
    Engine.Completeness check(SourceCodeAnalysis analysis, String code) {
        String remaining = code;
        Boolean wholeCellParses = null;  // asked once, at the first snippet
        while (true) {
            SourceCodeAnalysis.CompletionInfo info = analysis.analyzeCompletion(remaining);
            switch (info.completeness()) {
                case EMPTY -> {
                    return complete();
                }
                case COMPLETE, COMPLETE_WITH_SEMI, DEFINITELY_INCOMPLETE, CONSIDERED_INCOMPLETE -> {
                    boolean unfinished = !info.completeness().isComplete();
                    // The snippet as typed: JShell's source() may carry a semicolon it added.
                    String snippet = unfinished ? remaining : remaining.substring(0, remaining.length() - info.remaining().length());
                    // Most cells parse whole in one context, which spares a parse per snippet; a cell
                    // mixing methods and statements fits none whole, so its snippets go one by one.
                    if (wholeCellParses == null) {
                        wholeCellParses = syntax.canStillBeValid(code);
                    }
                    if (!wholeCellParses && (snippet.equals(code) || !syntax.canStillBeValid(snippet))) {
                        return invalid();
                    }
                    if (unfinished) {
                        return incomplete(code);
                    }
                    remaining = info.remaining();
                    if (remaining.isBlank()) {
                        // JShell takes a lone annotation for complete; it still needs what it annotates.
                        return ENDS_WITH_ANNOTATION.matcher(code).find() ? incomplete(code) : complete();
                    }
                }
                default -> {
                    // UNKNOWN: JShell cannot make a snippet of it (a stray '}', an illegal character).
                    return invalid();
                }
            }
        }
    }

    private static Engine.Completeness complete() {
        return new Engine.Completeness("complete", null);
    }

    private static Engine.Completeness incomplete(String code) {
        return new Engine.Completeness("incomplete", Indentation.forContinuation(code));
    }

    private static Engine.Completeness invalid() {
        return new Engine.Completeness("invalid", null);
    }
}
