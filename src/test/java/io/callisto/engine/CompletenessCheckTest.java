package io.callisto.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import jdk.jshell.JShell;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** is_complete's three answers, from JShell's analysis and javac's parser, without an executor JVM. */
class CompletenessCheckTest {
    private static JShell shell;
    private final CompletenessCheck check = new CompletenessCheck();

    @BeforeAll
    static void startShell() {
        shell = JShell.builder().executionEngine("local").build();
    }

    @AfterAll
    static void closeShell() {
        shell.close();
    }

    private String status(String code) {
        return check.check(shell.sourceCodeAnalysis(), code).status();
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "1 + 1", "int x = 1;", "int x = 1", "void f() {}", "class A {}\nA a = new A();", "import java.util.*;",
        "List<Map<String, Integer>> xs = new ArrayList<>();", "@SuppressWarnings(\"unchecked\") void g() {}",
        "Runnable r = () -> System.out.println();", "String block = \"\"\"\n    text\n    \"\"\";", "return 3;",
        "record P(int x) {}", "enum E { A, B }", "int twice(int n) { return 2 * n; }\ntwice(21)", "String.class",
        "int y = \"semantic errors are not syntax\";", "// only a comment", "", "   \n",
        "String s = \"a \\\"quoted\\\" word\";", "char c = '\\'';"})
    void completeCodeIsComplete(String code) {
        assertEquals("complete", status(code), code);
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "void f() {", "int x = (1 +", "class A {", "String s = \"\"\"\nabc", "@Override", "Runnable r = () -> {",
        "if (1 > 0)", "Map<String, List<Integer>> m =", "int[] a = {1, 2,", "List.of(1,\n  2", "System.out.println(\n",
        "/* a comment not yet closed", "int x = 1;\nvoid g() {\n    String s = \"\"\"\n        open",
        "void f() {\n    String s = \"fine\";", "String t = \"\"\"", "var t = \"\"\"  ", "println(\"\"\""})
    void unfinishedCodeIsIncomplete(String code) {
        assertEquals("incomplete", status(code), code);
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "int 3x = 4;", "int 3x = 4", "String s = \"abc", "String s = \"abc\n", "String s = \"abc\n    + \"def\";",
        "void f() {\n    String s = \"abc\n", "System.out.println(\"abc\n", "char c = 'ab';", "char c = 'a",
        "int x = 1;\nint 3x = 4;", "void f() {\n    int 3x = 4;", "x y z", "int x = ;)", "}", "int x = 1; }",
        "int x = 99999999999;", "String s = \"\"\"abc\"\"\";", "int x = 1;\nvoid g() {}\nint 2y = 3;", "#"})
    void codeNoContinuationCanRepairIsInvalid(String code) {
        assertEquals("invalid", status(code), code);
    }

    @Test
    void onlyIncompleteCarriesAnIndent() {
        assertEquals("    ", check.check(shell.sourceCodeAnalysis(), "void f() {").indent());
        assertNull(check.check(shell.sourceCodeAnalysis(), "int x = 1;").indent());
        assertNull(check.check(shell.sourceCodeAnalysis(), "int 3x = 4;").indent());
    }
}
