package io.callisto.engine;

import com.sun.source.util.JavacTask;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Set;
import javax.tools.Diagnostic;
import javax.tools.DiagnosticCollector;
import javax.tools.JavaCompiler;
import javax.tools.JavaFileObject;
import javax.tools.SimpleJavaFileObject;
import javax.tools.StandardJavaFileManager;
import javax.tools.ToolProvider;

/**
 * Whether Java source could still become valid by what follows it, asked of javac's own parser in the
 * kernel JVM. The text is parsed with nothing after it, so a parser that merely needs more input stops at
 * the end of the file ("reached end of file while parsing", or an open comment or text block), while
 * one that meets a token no continuation can fix ({@code 3x}, a string literal whose line ended) reports
 * that error first. A snippet may be statements, an expression, class members or imports, so each is
 * tried in the context that admits it.
 */
final class SnippetSyntax {
    /** Contexts a JShell snippet can stand in; the text follows each, with nothing closing it. */
    private static final List<String> CONTEXTS = List.of(
            "class $ { void $() { ",  // statements and local declarations
            "class $ { Object $ = ",  // an expression, with or without its semicolon
            "class $ { ",             // methods, fields, types
            "");                      // imports and top-level types
    /** First errors that only say the input stopped, not that it went wrong. */
    private static final Set<String> NEEDS_MORE = Set.of(
            "compiler.err.premature.eof", "compiler.err.unclosed.comment", "compiler.err.unclosed.text.block");

    private final JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
    private final List<String> options = List.of("-proc:none", "-Xlint:none",
            // Preview syntax is the compiler options' business, not a reason to call code invalid.
            "--enable-preview", "-source", String.valueOf(Runtime.version().feature()));
    private StandardJavaFileManager files;
    /** A text block's opening quotes at the very end, where the console stops before the line's end. */
    private static final java.util.regex.Pattern OPENS_TEXT_BLOCK = java.util.regex.Pattern.compile("\"\"\"[ \t\f]*$");

    /**
     * @param source one snippet or a whole cell, as typed
     * @return false only when javac's parser finds an error before the end of {@code source}, one that
     *         no text after it could repair; true when it parses, or needs only more text, or javac is absent
     */
    // Synchronized: control can ask is_complete while shell does, and they share the file manager.
    synchronized boolean canStillBeValid(String source) {
        if (javac == null) {
            return true;
        }
        if (OPENS_TEXT_BLOCK.matcher(source).find()) {
            // javac wants a line end after the opening quotes; the line the user is typing has one coming.
            source = source + "\n";
        }
        for (String context : CONTEXTS) {
            String firstError = firstError(context + source);
            // In an opened context no error means the source closed it: not Java in that context.
            if (firstError == null ? context.isEmpty() : NEEDS_MORE.contains(firstError)) {
                return true;
            }
        }
        return false;
    }

    /** The code of the first error javac's parser reports for this file, or null for none. */
    private String firstError(String text) {
        DiagnosticCollector<JavaFileObject> diagnostics = new DiagnosticCollector<>();
        JavaFileObject file = new SimpleJavaFileObject(URI.create("string:///Snippet.java"), JavaFileObject.Kind.SOURCE) {
            @Override
            public CharSequence getCharContent(boolean ignoreEncodingErrors) {
                return text;
            }
        };
        JavacTask task = (JavacTask) javac.getTask(null, fileManager(), diagnostics, options, null, List.of(file));
        try {
            task.parse();
        } catch (IOException e) {
            throw new UncheckedIOException("parsing in memory failed", e);
        }
        return diagnostics.getDiagnostics().stream().filter(d -> d.getKind() == Diagnostic.Kind.ERROR)
                .map(Diagnostic::getCode).findFirst().orElse(null);
    }

    /** One file manager for every parse: making one per parse costs more than the parse. */
    private StandardJavaFileManager fileManager() {
        if (files == null) {
            files = javac.getStandardFileManager(null, null, StandardCharsets.UTF_8);
        }
        return files;
    }
}
