package io.callisto.engine;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * How the engine is set up, read from the environment that kernel.json's {@code env} sets.
 *
 * @param javaHome         the JDK that runs the executor JVM (by default, the kernel's own)
 * @param executorOptions  JVM options for the executor, where cells run (CALLISTO_JVM_OPTS)
 * @param classpath        extra classpath entries for cells (CALLISTO_CLASSPATH, path-separator separated)
 * @param compilerOptions  javac options for cells, e.g. --enable-preview (CALLISTO_COMPILER_OPTS)
 * @param startupCode      code run before the first cell (CALLISTO_STARTUP, then the file CALLISTO_STARTUP_FILE)
 */
public record EngineConfig(
        Path javaHome,
        List<String> executorOptions,
        List<String> classpath,
        List<String> compilerOptions,
        String startupCode) {

    public static EngineConfig fromEnvironment(Map<String, String> env) throws IOException {
        String startup = env.getOrDefault("CALLISTO_STARTUP", "");
        String startupFile = env.getOrDefault("CALLISTO_STARTUP_FILE", "");
        if (!startupFile.isBlank()) {
            startup = startup + "\n" + Files.readString(Path.of(startupFile));
        }
        List<String> classpath = new ArrayList<>();
        for (String entry : env.getOrDefault("CALLISTO_CLASSPATH", "").split(File.pathSeparator)) {
            if (!entry.isBlank()) {
                classpath.add(entry.strip());
            }
        }
        return new EngineConfig(
                Path.of(System.getProperty("java.home")),
                splitOptions(env.getOrDefault("CALLISTO_JVM_OPTS", "")),
                classpath,
                splitOptions(env.getOrDefault("CALLISTO_COMPILER_OPTS", "")),
                startup.strip());
    }

    static List<String> splitOptions(String options) {
        return Arrays.stream(options.trim().split("\\s+")).filter(s -> !s.isEmpty()).toList();
    }
}
