package io.callisto.engine;

import java.util.ArrayList;
import java.util.List;
import jdk.jshell.SourceCodeAnalysis;
import jdk.jshell.SourceCodeAnalysis.Completeness;

/**
 * Splits a cell into the snippets JShell evaluates one at a time, remembering where each starts in the cell
 * so that errors can name the cell's line. Each snippet goes to JShell as the jshell tool passes it: without
 * the blank and comment lines before it and the blanks after it. JShell copies a snippet's text into every
 * wrapper it recompiles, so leading lines would shift those wrappers' line numbers and force it to reload
 * classes that had not changed.
 */
final class CellSplitter {

    /** One snippet: its source as JShell wants it (a missing semicolon added) and its offset in the cell. */
    record Piece(String source, int start, boolean complete) {
    }

    private CellSplitter() {
    }

    static List<Piece> split(SourceCodeAnalysis analysis, String cell) {
        List<Piece> pieces = new ArrayList<>();
        String remaining = cell;
        while (!remaining.isBlank()) {
            int offset = cell.length() - remaining.length();
            SourceCodeAnalysis.CompletionInfo info = analysis.analyzeCompletion(remaining);
            Completeness completeness = info.completeness();
            if (completeness == Completeness.EMPTY) {
                break;
            }
            boolean complete = completeness.isComplete();
            String source = complete ? info.source() : remaining;
            source = stripEnd(source.substring(leadingTrivia(source)));
            pieces.add(new Piece(source, offset + leadingTrivia(remaining), complete));
            if (!complete) {
                break;
            }
            remaining = info.remaining();
        }
        return pieces;
    }

    /** The length of the blanks and comments that {@code text} starts with. An unclosed comment is not skipped. */
    static int leadingTrivia(String text) {
        int at = 0;
        while (at < text.length()) {
            if (Character.isWhitespace(text.charAt(at))) {
                at++;
            } else if (text.startsWith("//", at)) {
                int end = text.indexOf('\n', at);
                at = end < 0 ? text.length() : end + 1;
            } else if (text.startsWith("/*", at)) {
                int end = text.indexOf("*/", at + 2);
                if (end < 0) {
                    return at;
                }
                at = end + 2;
            } else {
                break;
            }
        }
        return at;
    }

    private static String stripEnd(String text) {
        int end = text.length();
        while (end > 0 && Character.isWhitespace(text.charAt(end - 1))) {
            end--;
        }
        return text.substring(0, end);
    }

    /** 1-based line and column of an offset in the cell. */
    static int[] lineAndColumn(String cell, int offset) {
        int line = 1;
        int lineStart = 0;
        int end = Math.min(offset, cell.length());
        for (int i = 0; i < end; i++) {
            if (cell.charAt(i) == '\n') {
                line++;
                lineStart = i + 1;
            }
        }
        return new int[] {line, end - lineStart + 1};
    }
}
