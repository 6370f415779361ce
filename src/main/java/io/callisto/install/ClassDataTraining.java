package io.callisto.install;

import io.callisto.engine.ClassDataArchive;
import io.callisto.engine.EngineConfig;
import io.callisto.engine.JShellEngine;
import io.callisto.history.HistoryStore;
import io.callisto.kernel.Kernel;
import io.callisto.protocol.Requests;
import io.callisto.sockets.ConnectionInfo;
import io.callisto.sockets.LoopbackClient;
import io.callisto.wire.Json;
import io.callisto.wire.MalformedMessageException;
import io.callisto.wire.Message;
import io.callisto.wire.MessageFactory;
import io.callisto.wire.Signer;
import io.callisto.wire.WireCodec;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

/**
 * Class-data sharing archives for the kernel JVM and the executor JVM, made at install time.
 *
 * <p>Most of a kernel's start is loading classes: javac's and JShell's in the kernel, JShell's agent in
 * the executor. A training run does what a first notebook does (cells, completion, inspection) with
 * {@code -XX:ArchiveClassesAtExit}, and the JVMs then map those classes from the archives. An archive
 * belongs to one JDK and one jar file: the JVM ignores one that does not match, so a stale archive costs
 * only its benefit, and {@code ./kernel install} makes new ones with every install.
 */
public final class ClassDataTraining {
    static final String KERNEL_ARCHIVE = "kernel.jsa";
    static final String EXECUTOR_ARCHIVE = "executor.jsa";
    /** The argument of {@code java -jar callisto.jar} that runs the workload below. */
    public static final String TRAIN_COMMAND = "--train-class-data";
    private static final long TRAINING_TIMEOUT_S = 180;

    private ClassDataTraining() {
    }

    /** JVM options that make a kernel JVM use the archives in kernelDir (nothing when there are none). */
    static List<String> kernelOptions(Path kernelDir) {
        List<String> options = new ArrayList<>();
        Path kernelArchive = kernelDir.resolve(KERNEL_ARCHIVE);
        Path executorArchive = kernelDir.resolve(EXECUTOR_ARCHIVE);
        if (Files.isRegularFile(kernelArchive)) {
            options.add("-XX:SharedArchiveFile=" + kernelArchive);
            options.add("-Xlog:cds*=off");
        }
        if (Files.isRegularFile(executorArchive)) {
            options.add("-D" + ClassDataArchive.USE_PROPERTY + "=" + executorArchive);
        }
        return options;
    }

    /**
     * Makes both archives in kernelDir with the installed jar. Returns a one-line account; a failed
     * training leaves no archive behind and does not fail the install.
     */
    static String train(JavaHome java, Path kernelDir, Path installedJar) throws IOException {
        removeArchives(kernelDir);
        Path kernelArchive = kernelDir.resolve(KERNEL_ARCHIVE);
        Path executorArchive = kernelDir.resolve(EXECUTOR_ARCHIVE);
        List<String> command = List.of(
                java.launcher().toString(),
                "-XX:+UseSerialGC", "-XX:ArchiveClassesAtExit=" + kernelArchive, "-Xlog:cds*=off",
                "-D" + ClassDataArchive.CREATE_PROPERTY + "=" + executorArchive,
                "-jar", installedJar.toString(), TRAIN_COMMAND);
        long started = System.nanoTime();
        Process training = new ProcessBuilder(command)
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.DISCARD)
                .start();
        try {
            if (!training.waitFor(TRAINING_TIMEOUT_S, TimeUnit.SECONDS)) {
                training.descendants().forEach(ProcessHandle::destroyForcibly);
                training.destroyForcibly();
                return discard(kernelDir, "it took over " + TRAINING_TIMEOUT_S + " s");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            training.destroyForcibly();
            return discard(kernelDir, "interrupted");
        }
        if (training.exitValue() != 0 || !Files.isRegularFile(kernelArchive)) {
            return discard(kernelDir, "the training run exited with " + training.exitValue());
        }
        long seconds = (System.nanoTime() - started) / 1_000_000_000L;
        return "Made class-data sharing archives for a faster start (" + seconds + " s).";
    }

    /** Deletes the archives in kernelDir, if any. */
    static void removeArchives(Path kernelDir) throws IOException {
        Files.deleteIfExists(kernelDir.resolve(KERNEL_ARCHIVE));
        Files.deleteIfExists(kernelDir.resolve(EXECUTOR_ARCHIVE));
    }

    private static String discard(Path kernelDir, String why) throws IOException {
        removeArchives(kernelDir);
        return "No class-data sharing archives (" + why + "); the kernel starts without them.";
    }

    /**
     * The workload of the training run: a real kernel on loopback ports, asked what a notebook's first
     * minutes ask (kernel_info, cells that print, fail and declare, completion, inspection, history,
     * shutdown) through the shell socket, so the archive holds the whole message path as well as javac
     * and JShell.
     */
    public static void runWorkload() throws Exception {
        // Port 0: the kernel's sockets choose free ports as they bind, so no other process can take them first.
        ConnectionInfo connection = new ConnectionInfo("tcp", "127.0.0.1", 0, 0, 0, 0, 0,
                UUID.randomUUID().toString(), "hmac-sha256", "java");
        EngineConfig config = EngineConfig.fromEnvironment(Map.of());
        Kernel kernel = new Kernel(connection, Clock.systemUTC(), HistoryStore.inMemory(),
                streams -> new JShellEngine(config, streams.stdout(), streams.stderr(), streams.display(), streams.stdin(),
                streams.magics()));
        kernel.start();
        WireCodec codec = new WireCodec(Signer.of(connection.signatureScheme(), connection.key()));
        MessageFactory requests = new MessageFactory(Clock.systemUTC());
        try (LoopbackClient client = new LoopbackClient(kernel.connection(), (int) TimeUnit.SECONDS.toMillis(TRAINING_TIMEOUT_S))) {
            ask(client, codec, requests, "kernel_info_request", Json.object());
            String[] cells = {
                "1 + 1",
                "String text = \"callisto\";\nSystem.out.println(text.toUpperCase());",
                "record Point(int x, int y) { double length() { return Math.hypot(x, y); } }\nnew Point(3, 4).length()",
                "int twice(int n) { return 2 * n; }\ntwice(21)",
                "List<Integer> squares = IntStream.rangeClosed(1, 5).map(i -> i * i).boxed().collect(Collectors.toList());",
                "Map<String, Integer> counts = new HashMap<>(); counts.merge(\"a\", 1, Integer::sum); counts",
                "display(html(\"<b>bold</b>\"));",
                "int broken = \"text\";",
                "throw new IllegalStateException(\"training\");",
            };
            for (String cell : cells) {
                ask(client, codec, requests, "execute_request",
                        new Requests.ExecuteRequest(cell, false, true, Map.of(), false, false));
            }
            for (String code : new String[] {"text.toUpp", "Math.ma"}) {
                ask(client, codec, requests, "complete_request", new Requests.CompleteRequest(code, code.length()));
            }
            ask(client, codec, requests, "inspect_request", new Requests.InspectRequest("Math.max", 8, 0));
            ask(client, codec, requests, "is_complete_request",
                    new Requests.IsCompleteRequest("for (int i = 0; i < 3; i++) {"));
            ask(client, codec, requests, "history_request",
                    new Requests.HistoryRequest(false, true, "tail", null, null, null, 10, null, null));
            ask(client, codec, requests, "shutdown_request", new Requests.ShutdownRequest(false));
        }
        kernel.awaitShutdown();
        kernel.close();
    }

    /** Sends one request and waits for its reply (other messages on the socket are skipped). */
    private static void ask(LoopbackClient client, WireCodec codec, MessageFactory requests, String msgType,
            Object content) throws IOException, MalformedMessageException {
        Message request = requests.create(msgType, null, List.of(), null, Json.MAPPER.valueToTree(content));
        client.send(codec.encode(request));
        while (true) {
            Message reply = codec.decode(client.receive());
            if (reply.parentHeader().path("msg_id").asText().equals(request.msgId())) {
                return;
            }
        }
    }
}
