package io.callisto.kernel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.callisto.testing.KernelClient;
import io.callisto.testing.KernelProcess;
import io.callisto.wire.Json;
import io.callisto.wire.Message;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * interrupt_request (and SIGINT) stop a running cell wherever it is, and it really stops: no CPU burnt
 * afterwards, no later output, earlier declarations intact.
 */
class InterruptIT {
    @TempDir
    static Path dir;
    static KernelProcess kernel;

    @BeforeAll
    static void startKernel() throws Exception {
        kernel = KernelProcess.start(dir);
        try (KernelClient client = kernel.client()) {
            Message declare = client.execute("int survivor = 99;\nvar marker = new java.util.concurrent.atomic.AtomicLong();");
            assertEquals("ok", client.awaitReply(declare).content().path("status").asText());
        }
    }

    @AfterAll
    static void stopKernel() throws Exception {
        kernel.close();
    }

    /**
     * Runs code in one block after printing "running" (one snippet, so the stop meets the code itself, not
     * the gap before it), waits for that line, interrupts, and returns the reply.
     */
    private static Message interrupted(KernelClient client, String code, ObjectNode extra, boolean bySignal) throws Exception {
        Message request = client.execute("{\nSystem.out.println(\"running\");\n" + code + "\n}", extra);
        client.await(client.iopubMessages, m -> KernelClient.isChild(m, request) && m.msgType().equals("stream"));
        if (bySignal) {
            new ProcessBuilder("kill", "-INT", Long.toString(kernel.process.pid())).start().waitFor();
        } else {
            Message interrupt = client.send(client.control, client.request("interrupt_request", Json.object()));
            assertEquals("ok", client.awaitControlReply(interrupt).content().path("status").asText());
        }
        return client.awaitReply(request);
    }

    private static void assertInterrupted(Message reply) {
        assertEquals("error", reply.content().path("status").asText(), reply.content().toString());
        assertEquals("Interrupted", reply.content().path("ename").asText(), reply.content().toString());
        String traceback = reply.content().path("traceback").toString();
        assertFalse(traceback.contains("io.callisto"), traceback);
        assertFalse(traceback.contains("jdk.jshell"), traceback);
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "marker.set(1); for (;;) { }",
        "marker.set(2); while (true) { Math.sqrt(marker.get()); }",
        "marker.set(3); Thread.sleep(600_000);",
        "marker.set(4); Object lock = new Object(); synchronized (lock) { lock.wait(); }",
        "marker.set(5); new LinkedBlockingQueue<String>().take();",
        // A library method busy for minutes: the loop is inside the JDK, not in the cell.
        "marker.set(6); String.join(\"\", Collections.nCopies(Integer.MAX_VALUE / 4, \"ab\")).length();",
    })
    void anInterruptStopsTheCellAndKeepsEarlierDeclarations(String code) throws Exception {
        try (KernelClient client = kernel.client()) {
            assertInterrupted(interrupted(client, code, Json.object(), false));
            Message after = client.execute("survivor + 1");
            assertEquals("ok", client.awaitReply(after).content().path("status").asText());
            String value = client.awaitIopub(after).stream().filter(m -> m.msgType().equals("execute_result"))
                    .map(m -> m.content().path("data").path("text/plain").asText()).findFirst().orElseThrow();
            assertEquals("100", value, "declarations made before the interrupt are still there");
        }
    }

    @Test
    void sigintStopsTheCellToo() throws Exception {
        try (KernelClient client = kernel.client()) {
            assertInterrupted(interrupted(client, "for (;;) { }", Json.object(), true));
        }
    }

    @Test
    void anInterruptedLoopPrintsNothingAfterwards() throws Exception {
        try (KernelClient client = kernel.client()) {
            Message request = client.execute("for (long i = 0; ; i++) { if (i % 50_000_000 == 0) System.out.println(\"tick\"); }");
            client.await(client.iopubMessages, m -> KernelClient.isChild(m, request) && m.msgType().equals("stream"));
            Message interrupt = client.send(client.control, client.request("interrupt_request", Json.object()));
            client.awaitControlReply(interrupt);
            assertInterrupted(client.awaitReply(request));
            client.awaitIopub(request);
            // Another cell runs to completion; if the loop still ran, its ticks would show up meanwhile.
            Message probe = client.execute("Thread.sleep(300); \"quiet\"");
            client.awaitReply(probe);
            List<Message> probeOutput = client.awaitIopub(probe);
            assertTrue(probeOutput.stream().noneMatch(m -> m.msgType().equals("stream")), "no output leaked into the next cell");
            long ticksAfterIdle = client.iopubMessages.stream()
                    .filter(m -> KernelClient.isChild(m, request) && m.msgType().equals("stream")).count();
            client.drain();
            assertEquals(ticksAfterIdle, client.iopubMessages.stream()
                    .filter(m -> KernelClient.isChild(m, request) && m.msgType().equals("stream")).count());
        }
    }

    @Test
    void anInterruptedLoopLeavesTheExecutorIdle() throws Exception {
        try (KernelClient client = kernel.client()) {
            assertInterrupted(interrupted(client, "for (;;) { }", Json.object(), false));
            // The JVM that ran the cell, not the warm spare beside it.
            ProcessHandle executor = ProcessHandle.of(Long.parseLong(client.result("ProcessHandle.current().pid()")))
                    .orElseThrow();
            Optional<Duration> before = executor.info().totalCpuDuration();
            Message pause = client.execute("1");
            client.awaitReply(pause);
            // Measure CPU over the time a short cell takes to run and reply: a spinning loop would add about as much.
            Message wait = client.execute("Thread.sleep(500);");
            client.awaitReply(wait);
            Optional<Duration> after = executor.info().totalCpuDuration();
            if (before.isPresent() && after.isPresent()) {
                long usedMs = after.get().minus(before.get()).toMillis();
                assertTrue(usedMs < 300, "the executor used " + usedMs + " ms of CPU in ~600 ms after the interrupt");
            }
        }
    }

    @Test
    void anInterruptEndsAReadOfStdin() throws Exception {
        try (KernelClient client = kernel.client()) {
            ObjectNode allow = Json.object();
            allow.put("allow_stdin", true);
            Message request = client.execute("new Scanner(System.in).nextLine()", allow);
            client.await(client.stdinMessages, m -> KernelClient.isChild(m, request) && m.msgType().equals("input_request"));
            Message interrupt = client.send(client.control, client.request("interrupt_request", Json.object()));
            client.awaitControlReply(interrupt);
            assertInterrupted(client.awaitReply(request));
            Message after = client.execute("survivor");
            assertEquals("ok", client.awaitReply(after).content().path("status").asText());
        }
    }

    @Test
    void aCellThatCannotBeStoppedIsEndedByRestartingItsExecutor() throws Exception {
        try (KernelClient client = kernel.client()) {
            // Waiting to enter a monitor that another thread holds for ever: no stop is delivered there.
            String stuck = String.join("\n",
                    "Object lock = new Object();",
                    "var held = new CountDownLatch(1);",
                    "Thread holder = new Thread(() -> { synchronized (lock) { held.countDown();"
                            + " try { Thread.sleep(600_000); } catch (InterruptedException e) { } } });",
                    "holder.setDaemon(true);",
                    "holder.start();",
                    "held.await();",
                    "synchronized (lock) { }");
            Message reply = interrupted(client, stuck, Json.object(), false);
            assertInterrupted(reply);
            assertTrue(reply.content().path("evalue").asText().contains("restarted"), reply.content().toString());
            Message after = client.execute("1 + 1");
            assertEquals("ok", client.awaitReply(after).content().path("status").asText());
            client.awaitReply(client.execute("int survivor = 99;\nvar marker = new java.util.concurrent.atomic.AtomicLong();"));
        }
    }

    @Test
    void anInterruptInsideAStaticInitializerLandsAfterItAndLeavesTheClassUsable() throws Exception {
        try (KernelClient client = kernel.client()) {
            // A stop thrown inside <clinit> would mark the class as failed for the rest of the session
            // (NoClassDefFoundError on every later use); 0.4 s here, so the interrupt comes while it runs.
            client.awaitReply(client.execute("class SlowInit {\n    static final int VALUE;\n    static {\n"
                    + "        System.out.println(\"initializing\");\n        long end = System.nanoTime() + 400_000_000L;\n"
                    + "        while (System.nanoTime() < end) { }\n        VALUE = 7;\n    }\n}"));
            Message request = client.execute("{ int v = SlowInit.VALUE; for (;;) { } }");
            client.await(client.iopubMessages, m -> KernelClient.isChild(m, request) && m.msgType().equals("stream"));
            client.awaitControlReply(client.send(client.control, client.request("interrupt_request", Json.object())));
            Message reply = client.awaitReply(request);
            assertInterrupted(reply);
            assertFalse(reply.content().path("evalue").asText().contains("restarted"), reply.content().toString());
            assertEquals("7", client.result("SlowInit.VALUE"));
            assertEquals("100", client.result("survivor + 1"), "the executor kept its variables");
        }
    }

    @Test
    void queuedExecutesBehindAnInterruptedCellAreAborted() throws Exception {
        try (KernelClient client = kernel.client()) {
            Message running = client.execute("{ System.out.println(\"running\"); for (;;) { } }");
            Message queued = client.execute("System.out.println(\"must not run\");");
            client.await(client.iopubMessages, m -> KernelClient.isChild(m, running) && m.msgType().equals("stream"));
            client.awaitControlReply(client.send(client.control, client.request("interrupt_request", Json.object())));
            assertInterrupted(client.awaitReply(running));
            assertEquals("aborted", client.awaitReply(queued).content().path("status").asText());
        }
    }

    @Test
    void anInterruptWithNothingRunningIsHarmless() {
        try (KernelClient client = kernel.client()) {
            Message interrupt = client.send(client.control, client.request("interrupt_request", Json.object()));
            assertEquals("ok", client.awaitControlReply(interrupt).content().path("status").asText());
            List<String> types = client.awaitIopub(interrupt).stream().map(Message::msgType).collect(Collectors.toList());
            assertEquals(List.of("status", "status"), types);
            Message after = client.execute("survivor");
            assertEquals("ok", client.awaitReply(after).content().path("status").asText());
        }
    }
}
