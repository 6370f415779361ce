package io.callisto.kernel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.callisto.testing.KernelClient;
import io.callisto.testing.KernelProcess;
import io.callisto.wire.Message;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.UUID;
import javax.tools.ToolProvider;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What kernel.json's env sets reaches the cells: startup code, classpath, JVM options, compiler options. */
class ConfigurationIT {
    @TempDir
    Path dir;

    @Test
    void envSettingsReachTheCells() throws Exception {
        Path sources = Files.createDirectories(dir.resolve("src/probe"));
        Files.writeString(sources.resolve("Greeter.java"),
                "package probe; public class Greeter { public static String hi() { return \"hi from the classpath\"; } }");
        Path classes = Files.createDirectories(dir.resolve("classes"));
        assertEquals(0, ToolProvider.getSystemJavaCompiler().run(null, null, null,
                "-d", classes.toString(), sources.resolve("Greeter.java").toString()));
        Path startupFile = Files.writeString(dir.resolve("init.jshell"), "String fromFile() { return \"file\"; }\n");

        Map<String, String> env = Map.of(
                "CALLISTO_STARTUP", "int fromStartup = 41;",
                "CALLISTO_STARTUP_FILE", startupFile.toString(),
                "CALLISTO_CLASSPATH", classes.toString(),
                "CALLISTO_JVM_OPTS", "-Dcallisto.probe=set-by-env -Xmx256m",
                "CALLISTO_COMPILER_OPTS", "-parameters");
        try (KernelProcess kernel = KernelProcess.start(dir, "hmac-sha512", UUID.randomUUID().toString(), env);
             KernelClient client = kernel.client()) {
            assertEquals("42", client.result("fromStartup + 1"));
            assertEquals("\"file\"", client.result("fromFile()"));
            assertEquals("\"hi from the classpath\"", client.result("probe.Greeter.hi()"));
            assertEquals("\"set-by-env\"", client.result("System.getProperty(\"callisto.probe\")"));
            long maxHeapMb = Long.parseLong(client.result("Runtime.getRuntime().maxMemory() / (1024 * 1024)"));
            assertTrue(maxHeapMb <= 256, "the executor JVM got -Xmx256m: " + maxHeapMb);
            client.result("class Probe { void take(int count) { } }");
            assertEquals("\"count\"", client.result("Probe.class.getDeclaredMethods()[0].getParameters()[0].getName()"),
                    "javac ran with -parameters, so parameter names are kept");
        }
    }

    @Test
    void sigintDoesNotEndTheKernel() throws Exception {
        try (KernelProcess kernel = KernelProcess.start(dir); KernelClient client = kernel.client()) {
            assertEquals("2", client.result("1 + 1"));
            new ProcessBuilder("kill", "-INT", Long.toString(kernel.process.pid())).start().waitFor();
            // The JVM handles the signal on a thread of its own: wait until it has, so it meets no cell.
            Awaitility.await().atMost(KernelClient.TIMEOUT).until(() -> kernel.logText().contains("SIGINT"));
            assertEquals("3", client.result("1 + 2"));
            assertTrue(kernel.process.isAlive());
        }
    }
}
