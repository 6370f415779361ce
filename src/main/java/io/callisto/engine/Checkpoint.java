package io.callisto.engine;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import jdk.jshell.Diag;
import jdk.jshell.ImportSnippet;
import jdk.jshell.JShell;
import jdk.jshell.MethodSnippet;
import jdk.jshell.Snippet;
import jdk.jshell.SnippetEvent;
import jdk.jshell.TypeDeclSnippet;
import jdk.jshell.VarSnippet;

/**
 * The session's definitions, kept as they are made, so that a fresh executor JVM can be given them when the
 * one running cells ends (System.exit, a crash, an interrupt that had to restart it). Runs in the kernel JVM.
 *
 * <p>Kept: every active import, method and type declaration (class, interface, record, enum), by the
 * identity under which JShell replaces one with another (an import's name, a method's name and parameter
 * types, a type's name), in the order they were made. Not kept: variables, whose initialisers may have side
 * effects and so are never run again; their names are reported as lost instead. The classpath is the
 * {@link SessionPool}'s.
 */
final class Checkpoint {
    /** One kept definition: its identity and the snippet that last defined it. */
    record Definition(String id, Snippet snippet) {
        boolean isImport() {
            return snippet instanceof ImportSnippet;
        }
    }

    private final Map<String, Snippet> definitions = new LinkedHashMap<>();
    /** Active user variables ($-named temporaries aside); their values die with the executor. */
    private final Map<VarSnippet, String> variables = new LinkedHashMap<>();

    /**
     * Takes in the events of one {@code JShell.eval} of a user's cell (or of an eval it called, on another
     * thread: hence the lock): new definitions are kept, overwritten
     * and dropped ones forgotten (unless a newer one already holds their identity), variables tracked.
     */
    synchronized void record(List<SnippetEvent> events) {
        for (SnippetEvent event : events) {
            Snippet snippet = event.snippet();
            boolean active = event.status().isActive();
            if (snippet instanceof VarSnippet variable) {
                if (active && !variable.name().startsWith("$")) {
                    variables.put(variable, variable.name());
                } else {
                    variables.remove(variable);
                }
                continue;
            }
            String id = identity(snippet);
            if (id == null) {
                continue;
            }
            if (active) {
                definitions.put(id, snippet);
            } else {
                definitions.remove(id, snippet);
            }
        }
    }

    /** The kept definitions, imports first (they resolve names for the rest), then in declaration order. */
    synchronized List<Definition> snapshot() {
        List<Definition> snapshot = new ArrayList<>();
        definitions.forEach((id, snippet) -> snapshot.add(new Definition(id, snippet)));
        snapshot.sort(Comparator.comparing(definition -> !definition.isImport()));
        return snapshot;
    }

    /** The names of the variables whose values live only in the current executor, in declaration order. */
    synchronized List<String> variableNames() {
        return List.copyOf(new LinkedHashSet<>(variables.values()));
    }

    /**
     * Switches to a fresh session that a {@link Replica} has brought up to date: its snippets replace the
     * old session's under the same identities, and no variables are left.
     */
    synchronized void adopt(Replica replica) {
        definitions.replaceAll((id, snippet) -> replica.applied.getOrDefault(id, snippet));
        definitions.keySet().retainAll(replica.applied.keySet());
        variables.clear();
    }

    /** JShell's identity of a definition, or null for snippets that are not kept (statements, expressions). */
    static String identity(Snippet snippet) {
        if (snippet instanceof ImportSnippet imported) {
            return "import " + (imported.isStatic() ? "static " : "") + imported.fullname();
        }
        if (snippet instanceof MethodSnippet method) {
            return "method " + method.name() + "(" + method.parameterTypes() + ")";
        }
        if (snippet instanceof TypeDeclSnippet type) {
            return "type " + type.name();
        }
        return null;
    }

    /**
     * The checkpoint as applied to one other session (the warm spare): brought up to date with
     * {@link #sync}, on any one thread at a time, so that the spare is ready with the notebook's definitions
     * when the executor running cells ends.
     */
    static final class Replica {
        /** By identity: the replica's own snippet, and the original snippet it was made from. */
        private final Map<String, Snippet> applied = new HashMap<>();
        private final Map<String, Snippet> appliedFrom = new HashMap<>();
        private int classpathApplied;

        /**
         * Evaluates in {@code js} what the snapshot has and the replica lacks, drops what the snapshot no
         * longer has, and adds classpath entries added since the last sync.
         *
         * @param js the replica session's JShell
         * @param snapshot {@link Checkpoint#snapshot()} taken on the thread that runs cells
         * @param classpath every classpath entry added by magics so far, in order
         */
        void sync(JShell js, List<Definition> snapshot, List<String> classpath) {
            for (; classpathApplied < classpath.size(); classpathApplied++) {
                js.addToClasspath(classpath.get(classpathApplied));
            }
            Set<String> wanted = new LinkedHashSet<>();
            for (Definition definition : snapshot) {
                wanted.add(definition.id());
                if (appliedFrom.get(definition.id()) == definition.snippet()) {
                    continue;
                }
                for (SnippetEvent event : js.eval(definition.snippet().source())) {
                    if (event.causeSnippet() == null) {
                        applied.put(definition.id(), event.snippet());
                        appliedFrom.put(definition.id(), definition.snippet());
                    }
                }
            }
            for (String id : new ArrayList<>(applied.keySet())) {
                if (!wanted.contains(id)) {
                    Snippet gone = applied.remove(id);
                    appliedFrom.remove(id);
                    if (js.status(gone).isActive()) {
                        js.drop(gone);
                    }
                }
            }
        }

        /** Each original definition (of the notebook's cells) with the replica's snippet made from it. */
        Map<Snippet, Snippet> madeFrom() {
            Map<Snippet, Snippet> pairs = new java.util.IdentityHashMap<>();
            appliedFrom.forEach((id, original) -> pairs.put(original, applied.get(id)));
            return pairs;
        }

        /**
         * What the replica holds, for the user: counts by kind, in the order imports, methods, types, and
         * the definitions that no longer compile, with the reason.
         */
        Restore describe(JShell js, List<String> lostValues, int classpathEntries) {
            Map<String, Integer> restored = new LinkedHashMap<>();
            List<String> failed = new ArrayList<>();
            for (Snippet snippet : applied.values().stream().sorted(Comparator.comparing(Replica::kindOrder)).toList()) {
                if (js.status(snippet).isActive()) {
                    restored.merge(ReplacedVariables.kind(snippet), 1, Integer::sum);
                } else {
                    String reason = js.diagnostics(snippet).filter(Diag::isError)
                            .map(d -> d.getMessage(null).lines().findFirst().orElse("")).findFirst().orElse("rejected");
                    failed.add(ReplacedVariables.describe(snippet) + " (" + reason + ")");
                }
            }
            return new Restore(restored, failed, lostValues, classpathEntries);
        }

        private static int kindOrder(Snippet snippet) {
            return snippet instanceof ImportSnippet ? 0 : snippet instanceof MethodSnippet ? 1 : 2;
        }
    }

    /**
     * What a restore brought back.
     *
     * @param restored counts by kind ("import", "method", "class", "record", …)
     * @param failed one line per definition that no longer compiles, with the reason
     * @param lostValues the names of the variables whose values are gone, in declaration order
     * @param classpathEntries how many classpath entries (from %maven, %jars, %classpath, %loadFromPOM) came back
     */
    record Restore(Map<String, Integer> restored, List<String> failed, List<String> lostValues, int classpathEntries) {
        /**
         * One paragraph for the user, e.g. "Restored 4 imports, 2 methods, 1 class and 3 classpath entries.
         * Lost values: data, model; run their cells again."
         */
        String describe() {
            List<String> parts = new ArrayList<>();
            restored.forEach((kind, count) -> parts.add(count + " " + kind + (count == 1 ? "" : kind.endsWith("s") ? "es" : "s")));
            if (classpathEntries > 0) {
                parts.add(classpathEntries + " classpath " + (classpathEntries == 1 ? "entry" : "entries"));
            }
            StringBuilder text = new StringBuilder(parts.isEmpty() ? "Nothing to restore." : "Restored " + join(parts) + ".");
            if (!failed.isEmpty()) {
                text.append(" Not restored: ").append(String.join("; ", failed)).append('.');
            }
            if (!lostValues.isEmpty()) {
                text.append(" Lost values: ").append(String.join(", ", lostValues)).append("; run their cells again.");
            }
            return text.toString();
        }

        private static String join(List<String> parts) {
            return parts.size() == 1 ? parts.get(0)
                    : String.join(", ", parts.subList(0, parts.size() - 1)) + " and " + parts.get(parts.size() - 1);
        }
    }
}
