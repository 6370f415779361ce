package io.callisto.magics;

import io.callisto.dependencies.DependencyResolver;
import io.callisto.engine.Engine;
import io.callisto.engine.Engine.CellOutcome;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * The magics Callisto knows, with the names IJava and JJava users already type (%classpath, %jars, %load,
 * %time, %%time) and more (%lsmagic, %%bash, %%sh, %env, %vars, %imports).
 */
public final class Magics {
    private static final List<String> LOAD_EXTENSIONS = List.of(".jsh", ".jshell", ".java", ".ijava");

    private final Map<String, Magic> lineMagics = new TreeMap<>();
    private final Map<String, Magic> cellMagics = new TreeMap<>();
    private final ShellMagic bash = new ShellMagic("bash");
    private final ShellMagic sh = new ShellMagic("sh");

    public Magics(DependencyResolver resolver) {
        MavenMagic maven = new MavenMagic(resolver);
        lineMagics.put("maven", maven);
        lineMagics.put("addMavenDependency", maven);
        lineMagics.put("addMavenDependencies", maven);
        MavenRepoMagic repository = new MavenRepoMagic(resolver);
        lineMagics.put("mavenRepo", repository);
        lineMagics.put("addMavenRepo", repository);
        PomMagic pom = new PomMagic(maven, resolver);
        lineMagics.put("loadFromPOM", pom);
        cellMagics.put("loadFromPOM", pom);
        line("lsmagic", "list the magics", (args, body, context) -> {
            context.out().println("Line magics: " + lineMagics.keySet().stream().map(n -> "%" + n).collect(Collectors.joining(" ")));
            context.out().println("Cell magics: " + cellMagics.keySet().stream().map(n -> "%%" + n).collect(Collectors.joining(" ")));
            lineMagics.forEach((name, magic) -> context.out().println("  %" + name + " — " + magic.help()));
            cellMagics.forEach((name, magic) -> context.out().println("  %%" + name + " — " + magic.help()));
            return new Engine.Success(null);
        });
        Magic time = new TimeMagic(this);
        lineMagics.put("time", time);
        cellMagics.put("time", time);
        ClasspathMagic classpath = new ClasspathMagic(false);
        lineMagics.put("classpath", classpath);
        lineMagics.put("jars", new ClasspathMagic(true));
        line("load", "run a file of Java code (and magics) as this cell: %load path (.jsh, .jshell, .java, .ijava may be left off)",
                (args, body, context) -> new CellRunner(this).run(Files.readString(loadable(args, context)), context));
        line("env", "show the environment, one variable (%env NAME), or set one for %%bash (%env NAME=VALUE)",
                (args, body, context) -> env(args, context));
        line("vars", "list the variables: name, type, value", (args, body, context) -> {
            List<Engine.Variable> variables = context.engine().variables();
            if (variables.isEmpty()) {
                context.out().println("No variables.");
            }
            int nameWidth = variables.stream().mapToInt(v -> v.name().length()).max().orElse(4);
            int typeWidth = variables.stream().mapToInt(v -> v.type().length()).max().orElse(4);
            for (Engine.Variable variable : variables) {
                context.out().println(pad(variable.name(), nameWidth) + "  " + pad(variable.type(), typeWidth) + "  " + variable.value());
            }
            return new Engine.Success(null);
        });
        line("imports", "list the imports in effect", (args, body, context) -> {
            context.engine().imports().forEach(context.out()::println);
            return new Engine.Success(null);
        });
        cellMagics.put("bash", bash);
        cellMagics.put("sh", sh);
    }

    private void line(String name, String help, Runner runner) {
        lineMagics.put(name, new Magic() {
            @Override
            public String help() {
                return help;
            }

            @Override
            public CellOutcome run(String args, String body, MagicContext context) throws Exception {
                return runner.run(args, body, context);
            }
        });
    }

    @FunctionalInterface
    private interface Runner {
        CellOutcome run(String args, String body, MagicContext context) throws Exception;
    }

    Magic lineMagic(String name) throws MagicException {
        return find(name, "%", lineMagics, "%%", cellMagics, "a magic", "a cell magic", "Line magics", "cell magics");
    }

    Magic cellMagic(String name) throws MagicException {
        return find(name, "%%", cellMagics, "%", lineMagics, "a cell magic", "a line magic", "Cell magics", "line magics");
    }

    /** The magic of that name and kind; else an error that points at the other kind and lists both. */
    private static Magic find(String name, String prefix, Map<String, Magic> kind, String otherPrefix,
            Map<String, Magic> otherKind, String what, String otherWhat, String listed, String otherListed)
            throws MagicException {
        Magic magic = kind.get(name);
        if (magic == null) {
            throw new MagicException(prefix + name + " is not " + what
                    + (otherKind.containsKey(name) ? " (it is " + otherPrefix + name + ", " + otherWhat + ")" : "")
                    + ". " + listed + ": " + names(prefix, kind) + "; " + otherListed + ": " + names(otherPrefix, otherKind));
        }
        return magic;
    }

    /**
     * Runs a magic where its value is wanted, for a cell that calls IJava's {@code lineMagic(name, args)} or
     * {@code cellMagic(name, args, body)} with arguments computed as it runs.
     *
     * @param name the magic's name, without % or %%
     * @param args its arguments, one string each (spaces in one stay in it)
     * @param body a cell magic's body, or null for a line magic
     * @return the magic's value, as {@link Magic#evaluate}
     * @throws MagicException when there is no such magic, or it fails saying why
     * @throws Exception when the magic fails otherwise
     */
    public Object evaluate(String name, List<String> args, String body, MagicContext context) throws Exception {
        Magic magic = body == null ? lineMagic(name) : cellMagic(name);
        return magic.evaluate(InlineMagics.quote(args), body, context);
    }

    /** Stops what a magic runs outside the engine (a %%bash process). */
    public void interrupt() {
        bash.interrupt();
        sh.interrupt();
    }

    /** The file %load names, trying IJava's extensions when the name has none that exists. */
    private static Path loadable(String args, MagicContext context) throws MagicException {
        Path file = context.workingDirectory().resolve(args);
        if (!args.isEmpty() && Files.isRegularFile(file)) {
            return file;
        }
        for (String extension : LOAD_EXTENSIONS) {
            Path candidate = context.workingDirectory().resolve(args + extension);
            if (!args.isEmpty() && Files.isRegularFile(candidate)) {
                return candidate;
            }
        }
        throw new MagicException("%load needs a file to run; there is none at " + file + " (also tried "
                + String.join(", ", LOAD_EXTENSIONS) + ")");
    }

    private static String names(String prefix, Map<String, Magic> magics) {
        return magics.keySet().stream().map(n -> prefix + n).collect(Collectors.joining(" "));
    }

    private static String pad(String text, int width) {
        return text + " ".repeat(Math.max(0, width - text.length()));
    }

    private static CellOutcome env(String args, MagicContext context) {
        if (args.isEmpty()) {
            Map<String, String> all = new TreeMap<>(System.getenv());
            all.putAll(context.environment());
            all.forEach((name, value) -> context.out().println(name + "=" + value));
        } else if (args.contains("=") || args.contains(" ")) {
            int split = args.contains("=") ? args.indexOf('=') : args.indexOf(' ');
            String name = args.substring(0, split).strip();
            String value = args.substring(split + 1).strip();
            context.environment().put(name, value);
            context.out().println("env: " + name + "=" + value + " (for the processes %%bash starts; a running JVM's own"
                    + " environment cannot change)");
        } else {
            String value = context.environment().getOrDefault(args, System.getenv(args));
            context.out().println(value == null ? "env: " + args + " is not set" : value);
        }
        return new Engine.Success(null);
    }
}
