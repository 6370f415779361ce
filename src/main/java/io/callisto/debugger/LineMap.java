package io.callisto.debugger;

import io.callisto.engine.SnippetLocation;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Maps lines between a cell and the wrapped source JShell compiled a snippet of it in. A class's line table
 * counts lines of the wrapped source (package line, imports, the wrapper class, then the snippet's text), so a
 * breakpoint on a cell's line goes through the snippet's offset in the cell and JShell's position mapping
 * ({@code SnippetWrapper.sourceToWrappedPosition} and back). All lines are 1-based.
 */
final class LineMap {
    private LineMap() {
    }

    /**
     * The wrapped-source lines that code on {@code cellLine} of the snippet's cell compiles to, in the order
     * the line's characters map there; empty when the snippet has no code on that line.
     */
    static List<Integer> wrappedLines(SnippetLocation location, int cellLine) {
        String cell = location.cell();
        int lineStart = offsetOfLine(cell, cellLine);
        if (lineStart < 0) {
            return List.of();
        }
        int lineEnd = cell.indexOf('\n', lineStart);
        lineEnd = lineEnd < 0 ? cell.length() : lineEnd;
        String source = location.wrapper().source();
        int from = Math.max(lineStart, location.cellOffset());
        int to = Math.min(lineEnd, location.cellOffset() + source.length());
        String wrapped = location.wrapper().wrapped();
        Set<Integer> lines = new LinkedHashSet<>();
        for (int at = from; at < to; at++) {
            if (Character.isWhitespace(cell.charAt(at))) {
                continue;
            }
            int position = location.wrapper().sourceToWrappedPosition(at - location.cellOffset());
            if (position >= 0 && position <= wrapped.length()) {
                lines.add(lineOf(wrapped, position));
            }
        }
        return new ArrayList<>(lines);
    }

    /**
     * The cell line that {@code wrappedLine} of the snippet's wrapped source holds code of.
     *
     * @return the 1-based cell line, or -1 for a line JShell generated (the wrapper's own code)
     */
    static int cellLine(SnippetLocation location, int wrappedLine) {
        String wrapped = location.wrapper().wrapped();
        int start = offsetOfLine(wrapped, wrappedLine);
        if (start < 0) {
            return -1;
        }
        int end = wrapped.indexOf('\n', start);
        end = end < 0 ? wrapped.length() : end;
        int sourceLength = location.wrapper().source().length();
        for (int at = start; at < end; at++) {
            if (Character.isWhitespace(wrapped.charAt(at))) {
                continue;
            }
            int position = location.wrapper().wrappedToSourcePosition(at);
            if (position >= 0 && position < sourceLength) {
                return lineOf(location.cell(), Math.min(location.cell().length(), location.cellOffset() + position));
            }
        }
        return -1;
    }

    /** The cell lines the snippet's text spans, first and last. */
    static int[] span(SnippetLocation location) {
        int first = lineOf(location.cell(), location.cellOffset());
        int end = Math.min(location.cell().length(), location.cellOffset() + location.wrapper().source().length());
        return new int[] {first, lineOf(location.cell(), Math.max(location.cellOffset(), end - 1))};
    }

    /** The 1-based line of a UTF-16 offset. */
    static int lineOf(String text, int offset) {
        int line = 1;
        int end = Math.min(offset, text.length());
        for (int i = 0; i < end; i++) {
            if (text.charAt(i) == '\n') {
                line++;
            }
        }
        return line;
    }

    /** Where a 1-based line starts, or -1 past the end. */
    static int offsetOfLine(String text, int line) {
        if (line < 1) {
            return -1;
        }
        int at = 0;
        for (int current = 1; current < line; current++) {
            int newline = text.indexOf('\n', at);
            if (newline < 0) {
                return -1;
            }
            at = newline + 1;
        }
        return at;
    }
}
