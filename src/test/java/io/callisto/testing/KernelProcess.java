package io.callisto.testing;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.callisto.wire.Json;
import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.awaitility.Awaitility;
import org.awaitility.core.ConditionTimeoutException;
import org.awaitility.core.TerminalFailureException;

/**
 * The real kernel, started as Jupyter starts it: {@code java -jar callisto.jar CONNECTION_FILE}, with a
 * fresh key. The connection file's ports are 0, so the kernel binds ports the system chooses and writes
 * them back into the file, as ipykernel does; a port checked free and released here could be taken by
 * another test's kernel (or twice by one kernel) before the bind. Its stderr (the log) is kept for assertions.
 */
public final class KernelProcess implements AutoCloseable {
    public final Path connectionFile;
    public final ObjectNode connection;
    public final Process process;
    public final Path log;

    private KernelProcess(Path connectionFile, ObjectNode connection, Process process, Path log) {
        this.connectionFile = connectionFile;
        this.connection = connection;
        this.process = process;
        this.log = log;
    }

    public static KernelProcess start(Path dir) throws IOException {
        return start(dir, "hmac-sha256", UUID.randomUUID().toString(), Map.of());
    }

    public static KernelProcess start(Path dir, String scheme, String key, Map<String, String> env) throws IOException {
        return start(dir, scheme, key, env, List.of(), jar());
    }

    /** A kernel from the given jar, with JVM options for the kernel's own JVM (as kernel.json's argv has them). */
    public static KernelProcess start(Path dir, List<String> jvmOptions, Path jar, Map<String, String> env) throws IOException {
        return start(dir, "hmac-sha256", UUID.randomUUID().toString(), env, jvmOptions, jar);
    }

    private static final List<String> PORTS = List.of("shell_port", "iopub_port", "stdin_port", "control_port", "hb_port");
    /** How long a kernel may take from its start to writing its ports back: a JVM start on a busy machine. */
    private static final Duration BIND_TIMEOUT = Duration.ofSeconds(60);

    private static KernelProcess start(Path dir, String scheme, String key, Map<String, String> env,
            List<String> jvmOptions, Path jar) throws IOException {
        ObjectNode connection = Json.object();
        connection.put("transport", "tcp");
        connection.put("ip", "127.0.0.1");
        for (String port : PORTS) {
            connection.put(port, 0);
        }
        connection.put("key", key);
        connection.put("signature_scheme", scheme);
        connection.put("kernel_name", "java");
        Path file = dir.resolve("kernel-" + UUID.randomUUID() + ".json");
        Files.writeString(file, connection.toString());
        Path log = dir.resolve(file.getFileName() + ".log");
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(jvmOptions);
        command.add("-jar");
        command.add(jar.toString());
        command.add(file.toString());
        ProcessBuilder builder = new ProcessBuilder(command)
                .redirectOutput(ProcessBuilder.Redirect.DISCARD)
                .redirectError(log.toFile());
        builder.environment().put("CALLISTO_LOG_LEVEL", "info");
        builder.environment().put("CALLISTO_HISTORY_FILE", dir.resolve(file.getFileName() + ".history").toString());
        builder.environment().putAll(env);
        Process process = builder.start();
        return new KernelProcess(file, awaitBoundPorts(file, process, log), process, log);
    }

    /** Waits until the kernel has written the ports it bound into the connection file, and returns the file. */
    private static ObjectNode awaitBoundPorts(Path file, Process process, Path log) throws IOException {
        ObjectNode[] bound = new ObjectNode[1];
        try {
            Awaitility.await().atMost(BIND_TIMEOUT).pollInterval(Duration.ofMillis(20))
                    .failFast("the kernel exited before binding its ports", () -> !process.isAlive())
                    .until(() -> {
                        bound[0] = portsIfBound(file);
                        return bound[0] != null;
                    });
        } catch (ConditionTimeoutException | TerminalFailureException e) {
            process.descendants().forEach(ProcessHandle::destroyForcibly);
            process.destroyForcibly();
            throw new IOException(e.getMessage() + "; its log:\n" + Files.readString(log, StandardCharsets.UTF_8), e);
        }
        return bound[0];
    }

    /** The connection file once every port in it is a real one; null while any is still 0. */
    private static ObjectNode portsIfBound(Path file) throws IOException {
        // The kernel replaces the file in one rename, so it is read whole, before or after.
        JsonNode json = Json.MAPPER.readTree(file.toFile());
        for (String port : PORTS) {
            if (json.path(port).asInt() <= 0) {
                return null;
            }
        }
        return (ObjectNode) json;
    }

    public static Path jar() {
        Path jar = Path.of(System.getProperty("callisto.jar", "target/callisto.jar"));
        if (!Files.isRegularFile(jar)) {
            throw new IllegalStateException("no kernel jar at " + jar + ": run 'mvn package' first");
        }
        return jar;
    }

    public String logText() throws IOException {
        return Files.readString(log, StandardCharsets.UTF_8);
    }

    /** A client whose iopub subscription is already live. */
    public KernelClient client() {
        KernelClient client = new KernelClient(connection);
        try {
            client.awaitReady();
        } catch (org.awaitility.core.ConditionTimeoutException e) {
            client.close();
            String log;
            try {
                log = logText();
            } catch (IOException unreadable) {
                log = "(log unreadable: " + unreadable + ")";
            }
            throw new AssertionError("the kernel did not answer (alive: " + process.isAlive() + "); its log:\n" + log, e);
        }
        return client;
    }

    @Override
    public void close() throws InterruptedException {
        process.descendants().forEach(ProcessHandle::destroyForcibly);
        process.destroyForcibly();
        process.waitFor(10, TimeUnit.SECONDS);
    }
}
