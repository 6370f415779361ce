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
        return start(dir, scheme, key, env, List.of(), jar());
    }

    /** A kernel from the given jar, with JVM options for the kernel's own JVM (as kernel.json's argv has them). */
    public static KernelProcess start(Path dir, List<String> jvmOptions, Path jar, Map<String, String> env) throws IOException {
        return start(dir, "hmac-sha256", UUID.randomUUID().toString(), env, jvmOptions, jar);
    }

    private static KernelProcess start(Path dir, String scheme, String key, Map<String, String> env,
            List<String> jvmOptions, Path jar) throws IOException {
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

    private static final java.util.Random PORTS = new java.util.Random();

    /**
     * A free port below Linux's ephemeral range (32768+), so that the executor JVMs' and clients' own
     * ephemeral sockets cannot take it between this check and the kernel's bind.
     */
    private static int freePort() throws IOException {
        for (int attempt = 0; attempt < 200; attempt++) {
            int port = 20_000 + PORTS.nextInt(12_000);
            try (ServerSocket socket = new ServerSocket(port, 1, java.net.InetAddress.getLoopbackAddress())) {
                return socket.getLocalPort();
            } catch (IOException taken) {
                // Try another.
            }
        }
        throw new IOException("no free port found between 20000 and 32000");
    }

    @Override
    public void close() throws InterruptedException {
        process.descendants().forEach(ProcessHandle::destroyForcibly);
        process.destroyForcibly();
        process.waitFor(10, TimeUnit.SECONDS);
    }
}
