package io.callisto.engine;

import java.util.List;
import java.util.stream.Collectors;
import jdk.jshell.DeclarationSnippet;
import jdk.jshell.JShell;
import jdk.jshell.Snippet;
import jdk.jshell.SourceCodeAnalysis;

/**
 * inspect_request (Shift+Tab): the name at the cursor, wherever in the name the cursor is, documented by
 * JShell (signatures and the JDK's Javadoc) and by the notebook's own declarations of it. With no name
 * there, or none that JShell knows, the call whose parentheses hold the cursor, as ipykernel does.
 */
final class Inspector {

    /**
     * @param js     the live session, for JShell's documentation and the notebook's declarations
     * @param code   the cell
     * @param cursor a UTF-16 index into {@code code}, 0 to its length
     * @return found with Markdown and plain text, or not found (empty texts)
     */
    Engine.Inspection inspect(JShell js, String code, int cursor) {
        SourceCodeAnalysis analysis = js.sourceCodeAnalysis();
        int at = nameEnd(code, Math.max(0, Math.min(cursor, code.length())));
        List<SourceCodeAnalysis.Documentation> docs = documentationAt(analysis, code, at);
        List<String> declarations = declarationsNamed(js, identifierAt(code, at));
        if (docs.isEmpty() && declarations.isEmpty()) {
            int call = enclosingCallParen(code, Math.min(cursor, code.length()));
            if (call > 0) {
                docs = analysis.documentation(code, call + 1, true);
                declarations = declarationsNamed(js, identifierAt(code, call));
            }
        }
        if (docs.isEmpty() && declarations.isEmpty()) {
            return new Engine.Inspection(false, "", "");
        }
        StringBuilder markdown = new StringBuilder();
        for (SourceCodeAnalysis.Documentation doc : docs) {
            markdown.append("```java\n").append(doc.signature()).append("\n```\n");
            if (doc.javadoc() != null && !doc.javadoc().isBlank()) {
                markdown.append('\n').append(JavadocText.toMarkdown(doc.javadoc())).append("\n\n");
            }
        }
        if (!declarations.isEmpty()) {
            markdown.append("Declared in this notebook:\n\n");
            for (String source : declarations) {
                markdown.append("```java\n").append(source.strip()).append("\n```\n");
            }
        }
        String text = markdown.toString().strip();
        return new Engine.Inspection(true, JavadocText.toPlainText(text), text);
    }

    /**
     * Where JShell wants the cursor for the name the cursor is in or at the start of: after its last
     * character ({@code Str|ing} → {@code String|}). A cursor just inside a call's '(' stays, since
     * JShell documents the call from there.
     */
    static int nameEnd(String code, int cursor) {
        boolean inName = cursor > 0 && Character.isJavaIdentifierPart(code.charAt(cursor - 1));
        boolean atNameStart = cursor < code.length() && Character.isJavaIdentifierStart(code.charAt(cursor))
                && (cursor == 0 || code.charAt(cursor - 1) != '(');
        int end = cursor;
        if (inName || atNameStart) {
            while (end < code.length() && Character.isJavaIdentifierPart(code.charAt(end))) {
                end++;
            }
        }
        return end;
    }

    /** JShell documents a method only from inside its call's parentheses: open them, or step in. */
    private static List<SourceCodeAnalysis.Documentation> documentationAt(SourceCodeAnalysis analysis, String code, int at) {
        List<SourceCodeAnalysis.Documentation> docs = analysis.documentation(code, at, true);
        if (!docs.isEmpty()) {
            return docs;
        }
        if (at < code.length() && code.charAt(at) == '(') {
            return analysis.documentation(code, at + 1, true);
        }
        if (at > 0 && code.charAt(at - 1) != '(') {
            return analysis.documentation(code.substring(0, at) + "(" + code.substring(at), at + 1, true);
        }
        return docs;
    }

    /**
     * The index of the '(' of the innermost call still open at the cursor ({@code Math.abs(-|1)}), or -1.
     * Stops at a statement's or block's edge; strings are not told apart, and a wrong guess only finds nothing.
     */
    static int enclosingCallParen(String code, int cursor) {
        int depth = 0;
        for (int i = cursor - 1; i >= 0; i--) {
            char c = code.charAt(i);
            if (c == ')') {
                depth++;
            } else if (c == '(') {
                if (depth == 0) {
                    return i;
                }
                depth--;
            } else if (depth == 0 && (c == ';' || c == '{' || c == '}')) {
                return -1;
            }
        }
        return -1;
    }

    /** The identifier at or just before the cursor, also when the cursor follows its call's '('. */
    static String identifierAt(String code, int cursor) {
        int at = Math.min(cursor, code.length());
        if (at > 0 && code.charAt(at - 1) == '(') {
            at--;
        }
        int start = at;
        while (start > 0 && Character.isJavaIdentifierPart(code.charAt(start - 1))) {
            start--;
        }
        int end = at;
        while (end < code.length() && Character.isJavaIdentifierPart(code.charAt(end))) {
            end++;
        }
        return code.substring(start, end);
    }

    /** The source of the notebook's own active declarations with this name (methods, types, variables). */
    private static List<String> declarationsNamed(JShell js, String name) {
        if (name.isEmpty()) {
            return List.of();
        }
        return js.snippets()
                .filter(s -> s instanceof DeclarationSnippet d && d.name().equals(name) && js.status(s).isActive())
                .map(Snippet::source)
                .collect(Collectors.toList());
    }
}
