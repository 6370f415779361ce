package io.callisto.magics;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * %classpath (jars and class directories) and %jars (jars only): paths or globs such as {@code lib/*.jar},
 * relative to the notebook's directory, added to the compiler's and the executor's classpath.
 */
final class ClasspathMagic implements ClasspathAddingMagic {
    private final boolean jarsOnly;

    ClasspathMagic(boolean jarsOnly) {
        this.jarsOnly = jarsOnly;
    }

    @Override
    public String help() {
        return jarsOnly ? "add jars to the classpath: %jars lib/*.jar" : "add jars or class directories: %classpath path-or-glob ...";
    }

    /** Adds the paths and returns them, absolute, as IJava's %jars and %classpath do. */
    @Override
    public List<String> evaluate(String args, String body, MagicContext context) throws Exception {
        List<String> patterns = MagicArgs.split(args);
        if (patterns.isEmpty()) {
            throw new MagicException((jarsOnly ? "%jars" : "%classpath") + " needs one or more paths or globs");
        }
        List<Path> found = new ArrayList<>();
        for (String pattern : patterns) {
            List<Path> matches = expand(context.workingDirectory(), pattern);
            if (matches.isEmpty()) {
                throw new MagicException("nothing at " + pattern + " (relative to " + context.workingDirectory() + ")");
            }
            found.addAll(matches);
        }
        for (Path path : found) {
            context.engine().addToClasspath(path.toString());
            context.out().println("Added to the classpath: " + path);
        }
        return found.stream().map(Path::toString).toList();
    }

    private List<Path> expand(Path base, String pattern) throws IOException {
        Path path = base.resolve(pattern).normalize();
        List<Path> matches = new ArrayList<>();
        String name = path.getFileName() == null ? "" : path.getFileName().toString();
        if (name.contains("*") || name.contains("?") || name.contains("[")) {
            Path dir = path.getParent();
            if (dir != null && Files.isDirectory(dir)) {
                try (DirectoryStream<Path> entries = Files.newDirectoryStream(dir, name)) {
                    entries.forEach(matches::add);
                }
            }
            matches.sort(null);
        } else if (Files.exists(path)) {
            matches.add(path);
        }
        if (jarsOnly) {
            matches.removeIf(p -> !p.getFileName().toString().endsWith(".jar"));
        }
        return matches;
    }
}
