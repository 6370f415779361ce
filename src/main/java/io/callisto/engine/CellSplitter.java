package io.callisto.engine;

import java.util.ArrayList;
import java.util.List;
import jdk.jshell.SourceCodeAnalysis;
import jdk.jshell.SourceCodeAnalysis.Completeness;

/**
 * Splits a cell into the snippets JShell evaluates one at a time, remembering where each starts in the cell
 * so that errors can name the cell's line.
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
            pieces.add(new Piece(source, offset + leadingSkip(remaining, source), complete));
            if (!complete) {
                break;
            }
            remaining = info.remaining();
        }
        return pieces;
    }

    /** How far into {@code text} the snippet's own source begins (JShell drops leading blanks and comments). */
    private static int leadingSkip(String text, String source) {
        String probe = source.strip();
        if (probe.endsWith(";")) {
            probe = probe.substring(0, probe.length() - 1);
        }
        probe = probe.lines().findFirst().orElse("").strip();
        if (probe.isEmpty()) {
            return 0;
        }
        int found = text.indexOf(probe);
        return found < 0 ? 0 : found;
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
