package io.callisto.testing;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.callisto.wire.Json;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

/**
 * The real kernel, started as Jupyter starts it: {@code java -jar callisto.jar CONNECTION_FILE}, with a
 * connection file of free loopback ports and a fresh key. Its stderr (the log) is kept for assertions.
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
        ObjectNode connection = Json.object();
        connection.put("transport", "tcp");
        connection.put("ip", "127.0.0.1");
        for (String port : List.of("shell_port", "iopub_port", "stdin_port", "control_port", "hb_port")) {
            connection.put(port, freePort());
        }
        connection.put("key", key);
        connection.put("signature_scheme", scheme);
        connection.put("kernel_name", "java");
        Path file = dir.resolve("kernel-" + UUID.randomUUID() + ".json");
        Files.writeString(file, connection.toString());
        Path log = dir.resolve(file.getFileName() + ".log");
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.add("-jar");
        command.add(jar().toString());
        command.add(file.toString());
        ProcessBuilder builder = new ProcessBuilder(command)
                .redirectOutput(ProcessBuilder.Redirect.DISCARD)
                .redirectError(log.toFile());
        builder.environment().put("CALLISTO_LOG_LEVEL", "info");
        builder.environment().put("CALLISTO_HISTORY_FILE", dir.resolve(file.getFileName() + ".history").toString());
        builder.environment().putAll(env);
        return new KernelProcess(file, connection, builder.start(), log);
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
        client.awaitReady();
        return client;
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    @Override
    public void close() throws InterruptedException {
        process.descendants().forEach(ProcessHandle::destroyForcibly);
        process.destroyForcibly();
        process.waitFor(10, TimeUnit.SECONDS);
    }
}
