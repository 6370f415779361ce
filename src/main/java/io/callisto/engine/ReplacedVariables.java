package io.callisto.engine;

import java.io.PrintStream;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import jdk.jshell.DeclarationSnippet;
import jdk.jshell.Diag;
import jdk.jshell.ImportSnippet;
import jdk.jshell.JShell;
import jdk.jshell.Snippet;
import jdk.jshell.SnippetEvent;
import jdk.jshell.TypeDeclSnippet;
import jdk.jshell.VarSnippet;

/**
 * Tells the user, in a one-line note on the cell's stderr, when JShell had to replace a variable as a
 * consequence of another snippet's change, naming the variable and that change. Runs in the kernel JVM.
 *
 * <p>A variable's value lives in a static field of its wrapper class. When a snippet it depends on changes,
 * JShell recompiles that wrapper and redefines it in place when the executor JVM can (a changed method
 * body); the value stays. When the JVM cannot (the wrapper's field changed type, a class was replaced with
 * new members), JShell loads a replacement wrapper under a new class name, and the variable starts again from
 * its default value; when the declaration no longer compiles, the variable cannot be used at all. Comparing
 * the wrapper's class name before and after tells the two apart.
 */
final class ReplacedVariables {
    /** Wrapper class and type of each defined variable, as of the last cell that touched it. */
    private final Map<VarSnippet, Declared> declared = new HashMap<>();
    private final PrintStream notes;

    private record Declared(String wrapperClass, String type) {
    }

    ReplacedVariables(PrintStream notes) {
        this.notes = notes;
    }

    /**
     * Looks at the events of one {@code JShell.eval}: records the variables it declared and notes each
     * variable it replaced or made unusable through another snippet's change.
     *
     * @param js the session that produced the events
     * @param events the events {@code eval} returned, the cell's own snippet and its consequences
     */
    void review(JShell js, List<SnippetEvent> events) {
        for (SnippetEvent event : events) {
            if (!(event.snippet() instanceof VarSnippet variable) || Temporaries.isTemporary(variable)) {
                continue;  // a temporary ($N) is never named to the user, and is dropped once its value is shown
            }
            Declared before = declared.get(variable);
            if (!event.status().isDefined()) {
                declared.remove(variable);
                if (event.causeSnippet() != null && before != null && event.status().isActive()) {
                    noteUnusable(js, variable, event.causeSnippet());
                }
                continue;
            }
            Declared now = new Declared(js.sourceCodeAnalysis().wrapper(variable).fullClassName(), variable.typeName());
            declared.put(variable, now);
            if (event.causeSnippet() != null && before != null && !before.wrapperClass().equals(now.wrapperClass())) {
                noteReset(variable, before, now, event.causeSnippet());
            }
        }
    }

    /** Forgets every variable: a new session starts. */
    void clear() {
        declared.clear();
    }

    private void noteReset(VarSnippet variable, Declared before, Declared now, Snippet cause) {
        String why = before.type().equals(now.type())
                ? describe(cause) + " changed in a way the running JVM cannot apply in place (a member or a"
                        + " signature was added, removed or changed)"
                : "its type changed from " + before.type() + " to " + now.type() + " when " + describe(cause) + " changed";
        notes.println("Note: " + variable.name() + " was reset to " + defaultValue(now.type()) + " because " + why
                + "; run its cell again to restore it.");
    }

    private void noteUnusable(JShell js, VarSnippet variable, Snippet cause) {
        String problems = js.diagnostics(variable).filter(Diag::isError)
                .map(d -> d.getMessage(null).lines().findFirst().orElse("")).distinct()
                .collect(Collectors.joining("; "));
        notes.println("Note: " + variable.name() + " can no longer be used, and its value is gone: after "
                + describe(cause) + " changed, its declaration no longer compiles"
                + (problems.isEmpty() ? "" : " (" + problems + ")") + ". Change or run its cell again.");
    }

    /** "method f", "class C", "record R", "the import java.time.*", as a user would name the snippet. */
    static String describe(Snippet snippet) {
        if (snippet instanceof ImportSnippet imported) {
            return "the import " + imported.fullname() + (imported.isStatic() ? " (static)" : "");
        }
        if (snippet instanceof DeclarationSnippet declaration) {
            return kind(snippet) + " " + declaration.name();
        }
        return "an earlier snippet";
    }

    /** What kind of declaration a snippet is, as a user names it: "method", "class", "record", "import", … */
    static String kind(Snippet snippet) {
        if (snippet instanceof TypeDeclSnippet type) {
            return switch (type.subKind()) {
                case INTERFACE_SUBKIND -> "interface";
                case ENUM_SUBKIND -> "enum";
                case ANNOTATION_TYPE_SUBKIND -> "annotation";
                case RECORD_SUBKIND -> "record";
                default -> "class";
            };
        }
        return switch (snippet.kind()) {
            case METHOD -> "method";
            case VAR -> "variable";
            case IMPORT -> "import";
            default -> "snippet";
        };
    }

    private static String defaultValue(String type) {
        return switch (type) {
            case "boolean" -> "false";
            case "byte", "short", "int", "long", "char" -> "0";
            case "float", "double" -> "0.0";
            default -> "null";
        };
    }
}
