package io.callisto.debugger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.callisto.engine.SnippetLocation;
import java.util.List;
import jdk.jshell.JShell;
import jdk.jshell.SnippetEvent;
import jdk.jshell.SourceCodeAnalysis;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Cell lines to JShell's wrapped lines and back, with JShell's real wrappers (a local JShell, no executor). */
class LineMapTest {
    private JShell js;

    @BeforeEach
    void start() {
        js = JShell.builder().executionEngine("local").build();
        js.eval("import java.util.*;");
    }

    @AfterEach
    void stop() {
        js.close();
    }

    private SnippetLocation located(String cell, String snippet) {
        List<SnippetEvent> events = js.eval(snippet);
        SourceCodeAnalysis.SnippetWrapper wrapper = js.sourceCodeAnalysis().wrapper(events.get(0).snippet());
        return new SnippetLocation(wrapper.fullClassName(), cell, cell.indexOf(snippet), wrapper.source(), wrapper);
    }

    @Test
    void aMethodsLinesGoThereAndBack() {
        String method = "int twice(int x) {\n    int y = x * 2;\n    return y;\n}";
        String cell = "// a comment line first\n" + method + "\ntwice(3)";
        SnippetLocation location = located(cell, method);
        assertEquals(2, LineMap.span(location)[0]);
        assertEquals(5, LineMap.span(location)[1]);
        for (int cellLine = 3; cellLine <= 4; cellLine++) {
            List<Integer> wrapped = LineMap.wrappedLines(location, cellLine);
            assertFalse(wrapped.isEmpty(), "line " + cellLine);
            assertEquals(cellLine, LineMap.cellLine(location, wrapped.get(0)), "round trip of line " + cellLine);
        }
        assertTrue(LineMap.wrappedLines(location, 6).isEmpty(), "a line after the snippet is not in it");
    }

    @Test
    void jshellsOwnLinesMapToNoCellLine() {
        String statement = "for (int i = 0; i < 2; i++) {\n    System.out.print(i);\n}";
        SnippetLocation location = located(statement, statement);
        int first = LineMap.wrappedLines(location, 1).get(0);
        assertEquals(1, LineMap.cellLine(location, first));
        assertEquals(2, LineMap.cellLine(location, first + 1));
        assertEquals(3, LineMap.cellLine(location, first + 2));
        assertEquals(-1, LineMap.cellLine(location, first + 3), "do_it$'s own 'return null;' after the snippet");
    }

    @Test
    void linesAndOffsetsCountFromOne() {
        assertEquals(1, LineMap.lineOf("ab\ncd", 0));
        assertEquals(2, LineMap.lineOf("ab\ncd", 3));
        assertEquals(6, LineMap.offsetOfLine("ab\ncd\nef", 3));
        assertEquals(-1, LineMap.offsetOfLine("ab", 2));
    }
}
