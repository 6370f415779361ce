package io.callisto.engine;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.WeakHashMap;
import java.util.stream.Collectors;
import jdk.jshell.JShell;
import jdk.jshell.SourceCodeAnalysis;

/**
 * Tab completion with kinds: JShell's suggestions (members, types, the notebook's own declarations),
 * import names, and Java keywords, each tagged method, field, class, interface, variable, keyword or
 * package, with signatures for the first methods, so JupyterLab can show what each match is.
 *
 * <p>Each signature is a javac analysis of its own (about 7 ms warm, JDK 17), so {@code text.} followed by Tab
 * cost eight of them. Signatures found are kept per shell until its snippets change (any eval or drop), so
 * typing on after the dot ({@code text.t}, {@code text.to}, ...) asks JShell only for the suggestions.
 */
final class Completions {
    private static final Set<String> KEYWORDS = Set.of(
            "abstract", "assert", "boolean", "break", "byte", "case", "catch", "char", "class", "continue",
            "default", "do", "double", "else", "enum", "extends", "final", "finally", "float", "for", "if",
            "implements", "import", "instanceof", "int", "interface", "long", "new", "null", "private",
            "protected", "public", "record", "return", "short", "static", "super", "switch", "synchronized",
            "this", "throw", "throws", "try", "var", "void", "volatile", "while", "yield", "true", "false");
    private static final int SIGNATURES_FOR = 8;
    private static final int SIGNATURES_KEPT = 512;

    // Per shell: the call text up to its open parenthesis (whole cell before it) -> the signature JShell gave.
    private final Map<JShell, Map<String, String>> signatures = Collections.synchronizedMap(new WeakHashMap<>());

    private final ImportCompletion imports = new ImportCompletion();

    Engine.Completion complete(JShell shell, String code, int cursor) {
        String before = code.substring(0, cursor);
        String importPrefix = ImportCompletion.importPrefix(before);
        if (importPrefix != null) {
            int start = cursor - (importPrefix.length() - importPrefix.lastIndexOf('.') - 1);
            return new Engine.Completion(imports.complete(importPrefix), start, cursor);
        }
        SourceCodeAnalysis analysis = shell.sourceCodeAnalysis();
        int[] anchor = new int[1];
        List<SourceCodeAnalysis.Suggestion> suggestions = analysis.completionSuggestions(code, cursor, anchor);
        int start = suggestions.isEmpty() ? identifierStart(code, cursor) : anchor[0];
        String prefix = code.substring(start, cursor);
        boolean afterDot = start > 0 && code.charAt(start - 1) == '.';
        boolean afterNew = before.substring(0, start).stripTrailing().endsWith("new");
        Set<String> variables = shell.variables().map(v -> v.name()).collect(Collectors.toSet());

        // Matches of the expected type first, as JShell ranks them; duplicates (overloads) once.
        Map<String, Engine.Match> matches = new LinkedHashMap<>();
        List<SourceCodeAnalysis.Suggestion> ordered = new ArrayList<>(suggestions);
        ordered.sort((a, b) -> Boolean.compare(b.matchesType(), a.matchesType()));
        int signatures = 0;
        for (SourceCodeAnalysis.Suggestion suggestion : ordered) {
            String text = suggestion.continuation();
            if (matches.containsKey(text)) {
                continue;
            }
            String kind = kindOf(text, afterDot, afterNew, variables);
            String signature = null;
            if (kind.equals("method") && signatures++ < SIGNATURES_FOR) {
                // A method without parameters completes as "name()": ask with the call still open.
                String call = text.endsWith("()") ? text.substring(0, text.length() - 1) : text;
                signature = signatureOf(shell, code.substring(0, start) + call);
            }
            matches.put(text, new Engine.Match(text, kind, signature));
        }
        if (!afterDot && !prefix.isEmpty()) {
            KEYWORDS.stream().filter(k -> k.startsWith(prefix) && !matches.containsKey(k)).sorted()
                    .forEach(k -> matches.put(k, new Engine.Match(k, "keyword", null)));
        }
        return new Engine.Completion(List.copyOf(matches.values()), start, cursor);
    }

    private static int identifierStart(String code, int cursor) {
        int start = cursor;
        while (start > 0 && Character.isJavaIdentifierPart(code.charAt(start - 1))) {
            start--;
        }
        return start;
    }

    private static String kindOf(String text, boolean afterDot, boolean afterNew, Set<String> variables) {
        if (text.endsWith("(") || text.endsWith("()")) {
            return afterNew ? "class" : "method";
        }
        if (text.endsWith(".")) {
            return "package";
        }
        if (variables.contains(text)) {
            return "variable";
        }
        if (!text.isEmpty() && Character.isUpperCase(text.charAt(0))) {
            if (text.equals(text.toUpperCase()) && afterDot) {
                return "field";
            }
            return typeKind(text);
        }
        return afterDot ? "field" : "variable";
    }

    /** class or interface, for the JDK's types in the default imports; class when it cannot tell. */
    private static String typeKind(String simpleName) {
        for (String pkg : new String[] {"java.lang", "java.util", "java.util.function", "java.util.stream",
                "java.util.concurrent", "java.io", "java.nio.file", "java.math", "java.net", "java.util.regex"}) {
            try {
                Class<?> type = Class.forName(pkg + "." + simpleName, false, ClassLoader.getPlatformClassLoader());
                return type.isInterface() ? "interface" : "class";
            } catch (ClassNotFoundException | LinkageError notThere) {
                // Try the next package.
            }
        }
        return "class";
    }

    /** The signatures of the method called at the end of {@code call}, one per overload, or null if none. */
    private String signatureOf(JShell shell, String call) {
        Map<String, String> known = known(shell);
        String signature = known.get(call);
        if (signature == null) {
            List<SourceCodeAnalysis.Documentation> docs = shell.sourceCodeAnalysis().documentation(call, call.length(), false);
            // None found is not kept: a jar added to the classpath later may resolve the call.
            if (!docs.isEmpty()) {
                signature = docs.stream().map(SourceCodeAnalysis.Documentation::signature).collect(Collectors.joining("\n"));
                known.put(call, signature);
            }
        }
        return signature;
    }

    private Map<String, String> known(JShell shell) {
        return signatures.computeIfAbsent(shell, created -> {
            Map<String, String> known = Collections.synchronizedMap(new LinkedHashMap<>(64, 0.75f, true) {
                @Override
                protected boolean removeEldestEntry(Map.Entry<String, String> eldest) {
                    return size() > SIGNATURES_KEPT;
                }
            });
            // A new or dropped declaration can change what any name means: forget them all.
            created.onSnippetEvent(event -> known.clear());
            return known;
        });
    }
}
