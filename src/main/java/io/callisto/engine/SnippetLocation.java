package io.callisto.engine;

import jdk.jshell.SourceCodeAnalysis;

/**
 * Where one snippet class came from, for a debugger: the cell's code, the snippet's offset in it, and JShell's
 * wrapper, which maps the snippet's text to the wrapped source whose lines the class's line table counts
 * ({@code SourceCodeAnalysis.SnippetWrapper}). Nested, local and anonymous classes of the snippet share it.
 *
 * @param className the wrapper class's binary name, {@code REPL.$JShell$12B}
 * @param cell the whole cell's code, as the client sent it
 * @param cellOffset where the snippet's text starts in the cell (UTF-16 index)
 * @param wrapper JShell's wrapper of the snippet (for a snippet not yet evaluated, a preview with the same layout)
 */
public record SnippetLocation(String className, String cell, int cellOffset, SourceCodeAnalysis.SnippetWrapper wrapper) {

    /** Whether {@code binaryName} is this snippet's class or one nested in it (a record, a lambda's anonymous class). */
    public boolean covers(String binaryName) {
        return binaryName.equals(className) || binaryName.startsWith(className + "$");
    }
}
