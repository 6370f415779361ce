package io.callisto.kernel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.callisto.testing.KernelClient;
import io.callisto.testing.KernelProcess;
import io.callisto.wire.Json;
import io.callisto.wire.Message;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The kernel survives whatever a cell does to the JVM that runs it, and leaves no JVM behind when it goes. */
class IsolationIT {
    @TempDir
    Path dir;

    private static Message run(KernelClient client, String code) {
        return client.awaitReply(client.execute(code));
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "System.exit(3);                       | ExecutorDied | exit code 3",
        "Runtime.getRuntime().halt(4);         | ExecutorDied | exit code 4",
        "Runtime.getRuntime().exit(0);         | ExecutorDied | exit code 0",
    })
    void endingTheExecutorFailsTheCellAndTheNextCellHasTheDefinitionsButNotTheValues(String code, String ename,
            String reason) throws Exception {
        try (KernelProcess kernel = KernelProcess.start(dir); KernelClient client = kernel.client()) {
            run(client, "import java.time.*;");
            run(client, "int twice(int x) { return 2 * x; }");
            run(client, "record Point(int x, int y) { int sum() { return x + y; } }");
            run(client, "int before = 1;\nvar data = List.of(1, 2);");
            run(client, "%jars " + KernelProcess.jar());
            Message reply = run(client, code);
            assertEquals("error", reply.content().path("status").asText());
            assertEquals(ename, reply.content().path("ename").asText());
            String evalue = reply.content().path("evalue").asText();
            assertTrue(evalue.contains(reason), evalue);
            assertTrue(evalue.contains("Restored 1 import, 1 method, 1 record and 1 classpath entry."), evalue);
            assertTrue(evalue.contains("Lost values: before, data; run their cells again."), evalue);

            Instant restarted = Instant.now();
            assertEquals("42", client.result("twice(new Point(20, 1).sum())"));
            assertEquals("1970", client.result("LocalDate.EPOCH.getYear()"), "the import is back");
            assertTrue(Duration.between(restarted, Instant.now()).toMillis() < 30_000);
            Message gone = run(client, "before");
            assertEquals("CompilationError", gone.content().path("ename").asText(), "a value is never made up");
            assertTrue(gone.content().path("evalue").asText().endsWith("before was lost when the JVM running cells ended"),
                    gone.content().toString());
            run(client, "int before = 3;");
            assertEquals("3", client.result("before"), "the variable can be declared again");
            assertTrue(kernel.process.isAlive());
        }
    }

    @Test
    void theSparesWarmUpLeavesNothingInTheSessionItBecomes() throws Exception {
        try (KernelProcess kernel = KernelProcess.start(dir); KernelClient client = kernel.client()) {
            run(client, "int kept() { return 7; }");
            // The spare starts once the notebook is idle and runs its own small cells (SessionPool.WARM_UP_CELLS).
            Awaitility.await().atMost(KernelClient.TIMEOUT).until(() -> kernel.logText().contains("warmed the JIT up with"));
            assertEquals("ExecutorDied", run(client, "System.exit(5);").content().path("ename").asText());
            assertEquals("7", client.result("kept()"), "the spare took over with the notebook's method");
            Message probe = run(client, "callisto$warm");
            assertEquals("CompilationError", probe.content().path("ename").asText(), probe.content().toString());
            assertTrue(probe.content().path("evalue").asText().contains("cannot find symbol"), probe.content().toString());
        }
    }

    @Test
    void outOfMemoryAndStackOverflowAreOrdinaryErrors() throws Exception {
        Map<String, String> env = Map.of("CALLISTO_JVM_OPTS", "-Xmx64m");
        try (KernelProcess kernel = KernelProcess.start(dir, "hmac-sha256", UUID.randomUUID().toString(), env);
             KernelClient client = kernel.client()) {
            run(client, "int before = 5;");
            Message oom = run(client, "var hog = new ArrayList<long[]>(); while (true) hog.add(new long[1_000_000]);");
            assertEquals("java.lang.OutOfMemoryError", oom.content().path("ename").asText(), oom.content().toString());
            run(client, "int depth(int n) { return depth(n + 1) + 1; }");
            Message deep = run(client, "depth(0)");
            assertEquals("java.lang.StackOverflowError", deep.content().path("ename").asText());
            assertTrue(deep.content().path("traceback").size() < 200, "a stack overflow's trace is cut short");
            assertEquals("5", client.result("before"), "the executor survived both");
        }
    }

    @Test
    void anExecutorKilledFromOutsideIsReplaced() throws Exception {
        try (KernelProcess kernel = KernelProcess.start(dir); KernelClient client = kernel.client()) {
            run(client, "int kept() { return 7; }");
            // The cell names its own JVM: a warm spare executor runs beside it.
            Message request = client.execute("System.out.println(\"pid \" + ProcessHandle.current().pid()); Thread.sleep(600_000);");
            Message printed = client.await(client.iopubMessages, m -> KernelClient.isChild(m, request) && m.msgType().equals("stream"));
            long pid = Long.parseLong(printed.content().path("text").asText().strip().substring("pid ".length()));
            ProcessHandle executor = ProcessHandle.of(pid).orElseThrow();
            assertTrue(kernel.process.children().anyMatch(child -> child.pid() == pid), "a child of the kernel");
            new ProcessBuilder("kill", "-9", Long.toString(executor.pid())).start().waitFor();
            Message reply = client.awaitReply(request);
            assertEquals("ExecutorDied", reply.content().path("ename").asText(), reply.content().toString());
            assertTrue(reply.content().path("evalue").asText().contains("exit code 137"), reply.content().toString());
            assertEquals("10", client.result("kept() + 3"));
        }
    }

    @Test
    void outputFromABackgroundThreadArrivesAfterItsCellEnded() throws Exception {
        try (KernelProcess kernel = KernelProcess.start(dir); KernelClient client = kernel.client()) {
            Message starter = client.execute(
                    "new Thread(() -> { try { Thread.sleep(300); } catch (InterruptedException e) { }"
                            + " System.out.println(\"from the background\"); }).start();");
            client.awaitReply(starter);
            client.awaitIopub(starter);
            Message late = client.await(client.iopubMessages,
                    m -> m.msgType().equals("stream") && m.content().path("text").asText().contains("from the background"));
            assertEquals(starter.msgId(), late.parentHeader().path("msg_id").asText(),
                    "shown under the cell that started the thread");
            assertTrue(kernel.logText().lines().noneMatch(line -> line.contains("from the background")),
                    "cell output never goes to the kernel's own streams");
        }
    }

    @Test
    void executeReplyCarriesTimingAndHeaderDatesAreOrdered() throws Exception {
        try (KernelProcess kernel = KernelProcess.start(dir); KernelClient client = kernel.client()) {
            Message request = client.execute("Thread.sleep(200); 1");
            Message reply = client.awaitReply(request);
            List<Message> iopub = client.awaitIopub(request);
            String pattern = "\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d\\.\\d{6}Z";
            String started = reply.metadata().path("started").asText();
            assertTrue(started.matches(pattern), started);
            Instant busy = Instant.parse(iopub.get(0).header().path("date").asText());
            Instant input = Instant.parse(iopub.get(1).header().path("date").asText());
            Instant replied = Instant.parse(reply.header().path("date").asText());
            Instant idle = Instant.parse(iopub.get(iopub.size() - 1).header().path("date").asText());
            assertTrue(!busy.isAfter(Instant.parse(started)) || !Instant.parse(started).isAfter(input));
            assertTrue(!input.isAfter(replied) && !replied.isAfter(idle));
            assertTrue(Duration.between(input, replied).toMillis() >= 200, "the reply's date is taken when the cell ended");
            assertEquals("ok", reply.metadata().path("status").asText());
            assertTrue(reply.metadata().path("dependencies_met").asBoolean());
        }
    }

    @Test
    void aPasswordPromptAsksWithPasswordTrue() throws Exception {
        try (KernelProcess kernel = KernelProcess.start(dir); KernelClient client = kernel.client()) {
            ObjectNode allow = Json.object();
            allow.put("allow_stdin", true);
            Message request = client.execute("readPassword(\"Secret: \").length()", allow);
            Message ask = client.await(client.stdinMessages, m -> m.msgType().equals("input_request"));
            assertTrue(ask.content().path("password").asBoolean());
            assertEquals("Secret: ", ask.content().path("prompt").asText());
            ObjectNode value = Json.object();
            value.put("value", "hunter2");
            Message answer = client.request("input_reply", value);
            client.send(client.stdin, new Message(List.of(), answer.header(), request.header().deepCopy(), Json.object(), value, List.of()));
            client.awaitReply(request);
            String result = client.awaitIopub(request).stream().filter(m -> m.msgType().equals("execute_result"))
                    .map(m -> m.content().path("data").path("text/plain").asText()).collect(Collectors.joining());
            assertEquals("7", result);
        }
    }

    @Test
    void noJvmIsLeftAfterSigtermOrKill9() throws Exception {
        for (String signal : List.of("-TERM", "-KILL")) {
            try (KernelProcess kernel = KernelProcess.start(dir); KernelClient client = kernel.client()) {
                run(client, "1");
                List<ProcessHandle> executors = kernel.process.descendants().collect(Collectors.toList());
                assertTrue(executors.size() >= 1);
                new ProcessBuilder("kill", signal, Long.toString(kernel.process.pid())).start().waitFor();
                Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> !kernel.process.isAlive());
                Awaitility.await().atMost(Duration.ofSeconds(10))
                        .until(() -> executors.stream().noneMatch(ProcessHandle::isAlive));
            }
        }
    }

    @Test
    void aKilledKernelsClassDirectoryIsRemovedByTheNextKernel() throws Exception {
        Path killedRoot;
        try (KernelProcess killed = KernelProcess.start(dir); KernelClient client = killed.client()) {
            run(client, "1");
            killedRoot = classRootOf(killed.process.pid());
            new ProcessBuilder("kill", "-KILL", Long.toString(killed.process.pid())).start().waitFor();
            Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> !killed.process.isAlive());
        }
        assertTrue(Files.isDirectory(killedRoot), "a SIGKILL runs no cleanup");
        try (KernelProcess next = KernelProcess.start(dir); KernelClient client = next.client()) {
            run(client, "1");
            Awaitility.await().atMost(KernelClient.TIMEOUT).until(() -> !Files.exists(killedRoot));
        }
    }

    /** The root where a kernel's executors write the notebook's classes for Spark, found by its owner file. */
    private static Path classRootOf(long kernelPid) throws Exception {
        try (var roots = Files.newDirectoryStream(Path.of(System.getProperty("java.io.tmpdir")), "callisto-repl-classes-*")) {
            for (Path root : roots) {
                Path owner = root.resolve("kernel.pid");
                if (Files.isRegularFile(owner) && Files.readString(owner).startsWith(kernelPid + " ")) {
                    return root;
                }
            }
        }
        throw new AssertionError("no class directory owned by " + kernelPid);
    }
}
