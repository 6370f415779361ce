package io.callisto.install;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.callisto.testing.KernelClient;
import io.callisto.testing.KernelProcess;
import io.callisto.wire.Json;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * install trains class-data sharing archives with the installed jar, kernel.json points both JVMs at
 * them, and a kernel started that way maps its javac and JShell classes from them and runs cells.
 */
class ClassDataIT {
    @TempDir
    Path dir;

    @Test
    void installTrainsArchivesThatBothJvmsUse() throws Exception {
        Process install = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-jar", KernelProcess.jar().toString(), "install", "--prefix", dir.toString(), "--name", "cds")
                .redirectErrorStream(true).start();
        String printed = new String(install.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertEquals(0, install.waitFor(), printed);
        assertTrue(printed.contains("Made class-data sharing archives"), printed);

        Path kernelDir = dir.resolve("share/jupyter/kernels/cds");
        Path kernelArchive = kernelDir.resolve("kernel.jsa");
        Path executorArchive = kernelDir.resolve("executor.jsa");
        assertTrue(Files.size(kernelArchive) > 0 && Files.size(executorArchive) > 0);
        JsonNode argv = Json.MAPPER.readTree(kernelDir.resolve("kernel.json").toFile()).path("argv");
        List<String> jvmOptions = new ArrayList<>();
        for (int i = 1; !argv.get(i).asText().equals("-jar"); i++) {
            jvmOptions.add(argv.get(i).asText());
        }
        assertTrue(jvmOptions.contains("-XX:SharedArchiveFile=" + kernelArchive), jvmOptions.toString());
        assertTrue(jvmOptions.contains("-Dcallisto.executorArchive=" + executorArchive), jvmOptions.toString());

        Path kernelClasses = dir.resolve("kernel-classes.log");
        // One log per executor JVM (%p is its pid): the warm spare starts too and must not overwrite the first.
        Path executorClasses = dir.resolve("executor-classes-%p.log");
        jvmOptions.add("-Xlog:class+load=info:file=" + kernelClasses);
        Map<String, String> env = Map.of("CALLISTO_JVM_OPTS", "-Xlog:class+load=info:file=" + executorClasses);
        try (KernelProcess kernel = KernelProcess.start(dir, jvmOptions, kernelDir.resolve("callisto.jar"), env);
             KernelClient client = kernel.client()) {
            assertEquals("\"CALLISTO\"", client.result("\"callisto\".toUpperCase()"));
        }
        // "shared objects file (top)" is the dynamic archive, as opposed to the JDK's own base archive.
        assertTrue(loadedFromArchive(kernelClasses, "com.sun.tools.javac.comp.Attr"), "javac came from kernel.jsa");
        Path firstExecutor;
        try (var logs = Files.list(dir)) {
            firstExecutor = logs.filter(path -> path.getFileName().toString().startsWith("executor-classes-"))
                    .min(java.util.Comparator.comparing(ClassDataIT::modified)).orElseThrow();
        }
        assertTrue(loadedFromArchive(firstExecutor, "jdk.jshell.execution.DirectExecutionControl"),
                "JShell's agent came from executor.jsa");
    }

    private static java.nio.file.attribute.FileTime modified(Path path) {
        try {
            return Files.getLastModifiedTime(path);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private static boolean loadedFromArchive(Path classLog, String className) throws Exception {
        return Files.readAllLines(classLog).stream()
                .anyMatch(line -> line.contains(" " + className + " source: shared objects file (top)"));
    }
}
