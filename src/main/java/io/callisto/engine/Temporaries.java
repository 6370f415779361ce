package io.callisto.engine;

import jdk.jshell.JShell;
import jdk.jshell.Snippet;
import jdk.jshell.SnippetEvent;
import jdk.jshell.VarSnippet;

/**
 * JShell keeps an expression's value in a temporary variable ({@code $12}) that every later snippet imports, so
 * each compile reads one more class and a notebook of expression cells slows down as it goes (a trivial cell went
 * from 19 to 100 ms over 1,500 expressions in JShell itself). Callisto shows the value and never names it, so the
 * variable is dropped once its value is taken. Kernel JVM.
 */
final class Temporaries {

    private Temporaries() {
    }

    /** True for the temporary variable JShell declared for an expression's value ({@code $N}). */
    static boolean isTemporary(Snippet snippet) {
        return snippet instanceof VarSnippet && snippet.subKind() == Snippet.SubKind.TEMP_VAR_EXPRESSION_SUBKIND;
    }

    /**
     * Drops the temporary variable of an eval's own event, if it made one; the value stays in the event and in
     * the executor, which renders the cell's result from what the snippet returned.
     *
     * @param js the session the event came from
     * @param main the event of the evaluated snippet itself (no cause snippet)
     * @return true if a variable was dropped
     */
    static boolean drop(JShell js, SnippetEvent main) {
        if (!isTemporary(main.snippet()) || !main.status().isActive()) {
            return false;
        }
        try {
            js.drop(main.snippet());
            return true;
        } catch (IllegalStateException closed) {
            return false;  // the session ended under the cell: nothing left to slow down
        }
    }
}
