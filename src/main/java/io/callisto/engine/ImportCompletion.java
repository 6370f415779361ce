package io.callisto.engine;

import java.io.IOException;
import java.lang.module.ModuleDescriptor;
import java.net.URI;
import java.nio.file.DirectoryStream;
import java.nio.file.FileSystem;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Completes the name after {@code import} (and {@code import static}), which JShell's analysis leaves
 * empty: packages the JDK exports, then the public top-level classes of a package, read from the
 * runtime image (jrt:/).
 */
final class ImportCompletion {
    private static final Pattern IMPORT = Pattern.compile("(?:^|[;\\s])import\\s+(?:static\\s+)?([\\w.]*)$");

    private final Set<String> exportedPackages = new TreeSet<>();
    private final java.util.Map<String, List<String>> publicClassesByPackage = new java.util.concurrent.ConcurrentHashMap<>();

    ImportCompletion() {
        for (Module module : ModuleLayer.boot().modules()) {
            for (ModuleDescriptor.Exports exports : module.getDescriptor().exports()) {
                if (!exports.isQualified()) {
                    exportedPackages.add(exports.source());
                }
            }
        }
    }

    /** The qualified name typed so far if the cursor ends an import's name, else null. */
    static String importPrefix(String codeBeforeCursor) {
        String line = codeBeforeCursor.substring(codeBeforeCursor.lastIndexOf('\n') + 1);
        Matcher matcher = IMPORT.matcher(line);
        return matcher.find() ? matcher.group(1) : null;
    }

    /** Completions of the last name segment: sub-packages end with '.', classes do not. */
    List<Engine.Match> complete(String typed) {
        int dot = typed.lastIndexOf('.');
        String parent = dot < 0 ? "" : typed.substring(0, dot);
        String segment = typed.substring(dot + 1);
        Set<String> names = new TreeSet<>();
        List<Engine.Match> matches = new ArrayList<>();
        for (String pkg : exportedPackages) {
            String rest = parent.isEmpty() ? pkg : pkg.startsWith(parent + ".") ? pkg.substring(parent.length() + 1) : null;
            if (rest != null) {
                String next = rest.contains(".") ? rest.substring(0, rest.indexOf('.')) : rest;
                if (next.startsWith(segment) && names.add(next + ".")) {
                    matches.add(new Engine.Match(next + ".", "package", null));
                }
            }
        }
        if (exportedPackages.contains(parent)) {
            for (String type : publicClassesByPackage.computeIfAbsent(parent, ImportCompletion::publicClassesIn)) {
                if (type.startsWith(segment)) {
                    matches.add(new Engine.Match(type, "class", null));
                }
            }
        }
        return matches;
    }

    /** The public top-level classes of a package (its other classes cannot be imported). */
    private static List<String> publicClassesIn(String pkg) {
        List<String> visible = new ArrayList<>();
        for (String name : classesIn(pkg)) {
            try {
                Class<?> type = Class.forName(pkg + "." + name, false, ClassLoader.getPlatformClassLoader());
                if (java.lang.reflect.Modifier.isPublic(type.getModifiers())) {
                    visible.add(name);
                }
            } catch (ClassNotFoundException | LinkageError e) {
                // Not loadable from here: leave it out.
            }
        }
        return visible;
    }

    private static List<String> classesIn(String pkg) {
        List<String> types = new ArrayList<>();
        try {
            FileSystem jrt = FileSystems.getFileSystem(URI.create("jrt:/"));
            Path byPackage = jrt.getPath("/packages", pkg);
            if (!Files.isDirectory(byPackage)) {
                return types;
            }
            try (DirectoryStream<Path> modules = Files.newDirectoryStream(byPackage)) {
                for (Path module : modules) {
                    Path dir = jrt.getPath("/modules", module.getFileName().toString(), pkg.replace('.', '/'));
                    try (DirectoryStream<Path> files = Files.newDirectoryStream(dir, "*.class")) {
                        for (Path file : files) {
                            String name = file.getFileName().toString();
                            name = name.substring(0, name.length() - ".class".length());
                            if (!name.contains("$") && !name.equals("package-info") && !name.equals("module-info")) {
                                types.add(name);
                            }
                        }
                    }
                }
            }
        } catch (IOException | RuntimeException e) {
            // No runtime image to read: no class names, packages still complete.
        }
        types.sort(null);
        return types;
    }
}
