package io.callisto.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/** Where inspection looks: the name around the cursor, and the call whose parentheses hold it. */
class InspectorTest {

    @Test
    void aCursorInsideOrAtTheStartOfANameMovesToItsEnd() {
        assertEquals(6, Inspector.nameEnd("String", 3));
        assertEquals(6, Inspector.nameEnd("String", 0));
        assertEquals(6, Inspector.nameEnd("String", 6));
        assertEquals(7, Inspector.nameEnd("List.of(1)", 6));
        assertEquals(11, Inspector.nameEnd("int counter = 3;", 9));
    }

    @Test
    void aCursorJustInsideACallStaysForTheCallsDocumentation() {
        assertEquals(9, Inspector.nameEnd("Math.abs(x)", 9));
        assertEquals(3, Inspector.nameEnd("a + b", 3));
    }

    @Test
    void theEnclosingCallIsTheInnermostOpenParenthesis() {
        assertEquals(8, Inspector.enclosingCallParen("Math.abs(-1)", 10));
        assertEquals(8, Inspector.enclosingCallParen("Math.max(f(1), 2)", 15));
        assertEquals(10, Inspector.enclosingCallParen("Math.max(f(1), 2)", 12));
        assertEquals(-1, Inspector.enclosingCallParen("f(1); x + 1", 10));
        assertEquals(-1, Inspector.enclosingCallParen("x + 1", 3));
    }

    @Test
    void theIdentifierIsFoundAroundTheCursorAndBeforeACallsParenthesis() {
        assertEquals("counter", Inspector.identifierAt("counter + 1", 3));
        assertEquals("greet", Inspector.identifierAt("greet(\"x\")", 6));
        assertEquals("abs", Inspector.identifierAt("Math.abs(-1)", 8));
    }
}
