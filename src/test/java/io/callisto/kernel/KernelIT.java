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
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The real kernel process over real ZeroMQ sockets: one kernel for the class, one client per test. */
class KernelIT {
    @TempDir
    static Path dir;
    static KernelProcess kernel;

    @BeforeAll
    static void startKernel() throws Exception {
        kernel = KernelProcess.start(dir);
        try (KernelClient client = kernel.client()) {
            client.awaitReady();
        }
    }

    @AfterAll
    static void stopKernel() throws Exception {
        kernel.close();
    }

    private static List<String> types(List<Message> messages) {
        return messages.stream().map(Message::msgType).collect(Collectors.toList());
    }

    private static String stdout(List<Message> messages) {
        return messages.stream().filter(m -> m.msgType().equals("stream") && m.content().path("name").asText().equals("stdout"))
                .map(m -> m.content().path("text").asText()).collect(Collectors.joining());
    }

    @Test
    void kernelInfoIsAnsweredOnShellAndOnControl() {
        try (KernelClient client = kernel.client()) {
            Message onShell = client.send(client.shell, client.request("kernel_info_request", Json.object()));
            Message reply = client.awaitReply(onShell);
            ObjectNode content = reply.content();
            assertEquals("ok", content.path("status").asText());
            assertEquals("5.5", content.path("protocol_version").asText());
            assertEquals("java", content.path("language_info").path("name").asText());
            assertEquals(System.getProperty("java.version"), content.path("language_info").path("version").asText());
            assertEquals(".jshell", content.path("language_info").path("file_extension").asText());
            assertEquals("text/x-java", content.path("language_info").path("mimetype").asText());
            assertTrue(content.path("help_links").get(0).path("url").asText().contains("/docs/api/"));
            assertEquals(List.of("status", "status"), types(client.awaitIopub(onShell)));

            Message onControl = client.send(client.control, client.request("kernel_info_request", Json.object()));
            assertEquals("callisto", client.awaitControlReply(onControl).content().path("implementation").asText());
        }
    }

    @Test
    void executeSendsInputOutputResultAndReplyBetweenBusyAndIdle() {
        try (KernelClient client = kernel.client()) {
            Message request = client.execute("System.out.println(\"hello\");\nSystem.err.println(\"oops\");\n6 * 7");
            Message reply = client.awaitReply(request);
            List<Message> iopub = client.awaitIopub(request);
            assertEquals("ok", reply.content().path("status").asText());
            int count = reply.content().path("execution_count").asInt();
            assertTrue(count > 0);
            assertTrue(reply.metadata().path("started").asText().matches(".*T.*\\.\\d{6}Z"));
            assertEquals("ok", reply.metadata().path("status").asText());

            List<String> types = types(iopub);
            assertEquals("status", types.get(0));
            assertEquals("busy", iopub.get(0).content().path("execution_state").asText());
            assertEquals("execute_input", types.get(1));
            assertEquals(count, iopub.get(1).content().path("execution_count").asInt());
            assertEquals("idle", iopub.get(iopub.size() - 1).content().path("execution_state").asText());
            assertEquals("hello\n", stdout(iopub));
            assertTrue(types.contains("stream"));
            Message result = iopub.stream().filter(m -> m.msgType().equals("execute_result")).findFirst().orElseThrow();
            assertEquals("42", result.content().path("data").path("text/plain").asText());
            assertTrue(types.indexOf("execute_result") > types.lastIndexOf("stream"), "output comes before the result");
        }
    }

    @Test
    void laterCellsSeeEarlierDeclarationsAndDefaultImports() {
        try (KernelClient client = kernel.client()) {
            client.awaitReply(client.execute("record Point(int x, int y) {}\nint base = 10;\nString twice(String s) { return s + s; }"));
            Message use = client.execute("new Point(base, 2).x() + twice(\"ab\").length() + new ArrayList<String>().size()");
            assertEquals("ok", client.awaitReply(use).content().path("status").asText());
            Message result = client.awaitIopub(use).stream().filter(m -> m.msgType().equals("execute_result")).findFirst().orElseThrow();
            assertEquals("14", result.content().path("data").path("text/plain").asText());

            Message returned = client.execute("int a = 2;\nreturn a + base;\n");
            client.awaitReply(returned);
            Message value = client.awaitIopub(returned).stream().filter(m -> m.msgType().equals("execute_result")).findFirst().orElseThrow();
            assertEquals("12", value.content().path("data").path("text/plain").asText());
        }
    }

    @Test
    void aCompileErrorNamesTheCellLineWithACaret() {
        try (KernelClient client = kernel.client()) {
            Message request = client.execute("int ok = 1;\nint bad = \"text\";");
            Message reply = client.awaitReply(request);
            assertEquals("error", reply.content().path("status").asText());
            assertEquals("CompilationError", reply.content().path("ename").asText());
            assertTrue(reply.content().path("evalue").asText().contains("line 2"), reply.content().toString());
            List<Message> errors = client.awaitIopub(request).stream().filter(m -> m.msgType().equals("error")).toList();
            assertEquals(1, errors.size());
            String traceback = String.join("\n", Json.MAPPER.convertValue(errors.get(0).content().path("traceback"), String[].class));
            assertTrue(traceback.contains("int bad = \"text\";"), traceback);
            assertTrue(traceback.contains("^"), traceback);
        }
    }

    @Test
    void aRuntimeErrorShowsItsClassMessageAndCellLines() {
        try (KernelClient client = kernel.client()) {
            client.awaitReply(client.execute("int divide(int a, int b) {\n    return a / b;\n}"));
            Message request = client.execute("int zero = 0;\ndivide(1, zero)");
            Message reply = client.awaitReply(request);
            assertEquals("java.lang.ArithmeticException", reply.content().path("ename").asText());
            assertEquals("/ by zero", reply.content().path("evalue").asText());
            String traceback = reply.content().path("traceback").toString();
            assertTrue(traceback.contains("line 2"), traceback);
            assertFalse(traceback.contains("jdk.jshell"), traceback);
            assertFalse(traceback.contains("io.callisto"), traceback);
            assertEquals(1, client.awaitIopub(request).stream().filter(m -> m.msgType().equals("error")).count());
        }
    }

    @Test
    void aFailureAbortsOnlyTheExecutesAlreadyQueued() {
        try (KernelClient client = kernel.client()) {
            Message failing = client.execute("Thread.sleep(300);\nthrow new IllegalStateException(\"stop here\");");
            Message queued = client.execute("System.out.println(\"must not run\");");
            Message info = client.send(client.shell, client.request("kernel_info_request", Json.object()));
            assertEquals("error", client.awaitReply(failing).content().path("status").asText());
            Message aborted = client.awaitReply(queued);
            assertEquals("aborted", aborted.content().path("status").asText());
            assertEquals("ok", client.awaitReply(info).content().path("status").asText(), "other requests still run");
            List<Message> abortedIopub = client.awaitIopub(queued);
            assertEquals(List.of("status", "status"), types(abortedIopub));

            Message later = client.execute("\"runs again\"");
            assertEquals("ok", client.awaitReply(later).content().path("status").asText());
        }
    }

    @Test
    void stopOnErrorFalseLetsQueuedCellsRun() {
        try (KernelClient client = kernel.client()) {
            ObjectNode keepGoing = Json.object();
            keepGoing.put("stop_on_error", false);
            Message failing = client.execute("throw new RuntimeException(\"x\");", keepGoing);
            Message next = client.execute("1");
            assertEquals("error", client.awaitReply(failing).content().path("status").asText());
            assertEquals("ok", client.awaitReply(next).content().path("status").asText());
        }
    }

    @Test
    void silentExecutionPublishesNothingAndKeepsTheCount() {
        try (KernelClient client = kernel.client()) {
            Message first = client.execute("1");
            int count = client.awaitReply(first).content().path("execution_count").asInt();
            ObjectNode silent = Json.object();
            silent.put("silent", true);
            Message quiet = client.execute("System.out.println(\"hidden\"); 5", silent);
            assertEquals(count, client.awaitReply(quiet).content().path("execution_count").asInt());
            assertEquals(List.of("status", "status"), types(client.awaitIopub(quiet)));
        }
    }

    @Test
    void userExpressionsAreEvaluatedAsJava() {
        try (KernelClient client = kernel.client()) {
            ObjectNode extra = Json.object();
            extra.putObject("user_expressions").put("sum", "20 + 22").put("broken", "nope(");
            Message request = client.execute("int unused = 0;", extra);
            ObjectNode expressions = (ObjectNode) client.awaitReply(request).content().path("user_expressions");
            assertEquals("ok", expressions.path("sum").path("status").asText());
            assertEquals("42", expressions.path("sum").path("data").path("text/plain").asText());
            assertEquals("error", expressions.path("broken").path("status").asText());
        }
    }

    @Test
    void aManyLinePrintArrivesWholeInOrderInAFewMessages() {
        try (KernelClient client = kernel.client()) {
            Message request = client.execute("for (int i = 0; i < 100000; i++) System.out.println(i);");
            assertEquals("ok", client.awaitReply(request).content().path("status").asText());
            List<Message> iopub = client.awaitIopub(request);
            String[] lines = stdout(iopub).split("\n");
            assertEquals(100000, lines.length);
            for (int i = 0; i < lines.length; i++) {
                assertEquals(Integer.toString(i), lines[i]);
            }
            long streams = iopub.stream().filter(m -> m.msgType().equals("stream")).count();
            assertTrue(streams < 100, streams + " stream messages");
        }
    }

    @Test
    void readingStdinWithoutAllowStdinFailsAtOnce() {
        try (KernelClient client = kernel.client()) {
            Message request = client.execute("new java.util.Scanner(System.in).nextLine()");
            Message reply = client.awaitReply(request);
            assertEquals("error", reply.content().path("status").asText());
            String stderr = client.awaitIopub(request).stream().filter(m -> m.msgType().equals("stream"))
                    .map(m -> m.content().path("text").asText()).collect(Collectors.joining());
            assertTrue(stderr.contains("allow_stdin is false"), stderr);
            assertTrue(client.stdinMessages.isEmpty());
        }
    }

    @Test
    void stdinReadsAnswerFromTheClient() {
        try (KernelClient client = kernel.client()) {
            ObjectNode allow = Json.object();
            allow.put("allow_stdin", true);
            Message request = client.execute("var reader = new BufferedReader(new InputStreamReader(System.in));\nreader.readLine().toUpperCase()", allow);
            Message inputRequest = client.await(client.stdinMessages, m -> m.msgType().equals("input_request"));
            assertTrue(KernelClient.isChild(inputRequest, request));
            answer(client, request, "callisto");
            assertEquals("ok", client.awaitReply(request).content().path("status").asText());
            Message result = client.awaitIopub(request).stream().filter(m -> m.msgType().equals("execute_result")).findFirst().orElseThrow();
            assertEquals("\"CALLISTO\"", result.content().path("data").path("text/plain").asText());

            // Ctrl-D ends one read; the next cell can read again.
            client.stdinMessages.clear();
            Message eof = client.execute("System.in.read()", allow);
            client.await(client.stdinMessages, m -> KernelClient.isChild(m, eof) && m.msgType().equals("input_request"));
            answer(client, eof, "\u0004");
            client.awaitReply(eof);
            Message minusOne = client.awaitIopub(eof).stream().filter(m -> m.msgType().equals("execute_result")).findFirst().orElseThrow();
            assertEquals("-1", minusOne.content().path("data").path("text/plain").asText());

            Message again = client.execute("new Scanner(System.in).nextLine()", allow);
            client.await(client.stdinMessages, m -> KernelClient.isChild(m, again) && m.msgType().equals("input_request"));
            answer(client, again, "more");
            client.awaitReply(again);
            Message more = client.awaitIopub(again).stream().filter(m -> m.msgType().equals("execute_result")).findFirst().orElseThrow();
            assertEquals("\"more\"", more.content().path("data").path("text/plain").asText());
        }
    }

    private static void answer(KernelClient client, Message request, String text) {
        ObjectNode value = Json.object();
        value.put("value", text);
        Message answer = client.request("input_reply", value);
        client.send(client.stdin, new Message(List.of(), answer.header(), request.header().deepCopy(), Json.object(), value, List.of()));
    }

    @Test
    void isCompleteCompleteAndCommRequestsAreAnswered() {
        try (KernelClient client = kernel.client()) {
            assertEquals("complete", isComplete(client, "int x = 1;"));
            assertEquals("incomplete", isComplete(client, "void f() {"));
            assertEquals("invalid", isComplete(client, "int x = ;)"));

            ObjectNode completeContent = Json.object();
            String code = "String s = \"\uD83D\uDE00\"; s.toUpper";
            completeContent.put("code", code);
            completeContent.put("cursor_pos", code.codePointCount(0, code.length()));
            Message complete = client.send(client.shell, client.request("complete_request", completeContent));
            ObjectNode completion = client.awaitReply(complete).content();
            assertTrue(completion.path("matches").toString().contains("toUpperCase("), completion.toString());
            assertEquals(code.codePointCount(0, code.indexOf("toUpper")), completion.path("cursor_start").asInt(),
                    "positions count code points, not UTF-16 units");
            assertEquals(code.codePointCount(0, code.length()), completion.path("cursor_end").asInt());
            assertTrue(completion.path("metadata").isObject());

            Message info = client.send(client.shell, client.request("comm_info_request", Json.object()));
            assertTrue(client.awaitReply(info).content().path("comms").isEmpty());

            ObjectNode open = Json.object();
            open.put("comm_id", "c-1");
            open.put("target_name", "nobody.listens");
            open.putObject("data");
            Message commOpen = client.send(client.shell, client.request("comm_open", open));
            List<Message> iopub = client.awaitIopub(commOpen);
            Message close = iopub.stream().filter(m -> m.msgType().equals("comm_close")).findFirst().orElseThrow();
            assertEquals("c-1", close.content().path("comm_id").asText());
        }
    }

    private static String isComplete(KernelClient client, String code) {
        ObjectNode content = Json.object();
        content.put("code", code);
        Message request = client.send(client.shell, client.request("is_complete_request", content));
        return client.awaitReply(request).content().path("status").asText();
    }

    @Test
    void usageRequestReportsTheProcessTreeAndTheHost() {
        try (KernelClient client = kernel.client()) {
            client.awaitReply(client.execute("int usageA = 1;\nint usageB = 2;"));
            Message request = client.send(client.control, client.request("usage_request", Json.object()));
            ObjectNode usage = client.awaitControlReply(request).content();
            assertEquals(kernel.process.pid(), usage.path("pid").asLong());
            assertTrue(usage.path("kernel_memory").asLong() > 50L * 1024 * 1024, usage.toString());
            assertTrue(usage.path("kernel_cpu").isNumber() && usage.path("cpu_count").asInt() >= 1, usage.toString());
            long total = usage.path("host_virtual_memory").path("total").asLong();
            long available = usage.path("host_virtual_memory").path("available").asLong();
            assertTrue(total > 0 && available > 0 && available <= total, usage.toString());
            assertTrue(usage.path("namespace_size").asInt() >= 2, usage.toString());
            assertFalse(usage.path("hostname").asText().isEmpty());
        }
    }

    @Test
    void anExpressionsValueIsShownWithoutLeavingAVariableBehind() {
        try (KernelClient client = kernel.client()) {
            client.awaitReply(client.execute("var keptList = List.of(1, 2, 3);"));
            int before = namespaceSize(client);
            Message sum = client.execute("keptList.size() + 39");
            assertEquals("42", KernelClient.resultText(client.awaitIopub(sum)));
            Message text = client.execute("\"ab\".repeat(2)");
            assertEquals("\"abab\"", KernelClient.resultText(client.awaitIopub(text)));
            Message list = client.execute("keptList.stream().map(x -> x * 2).toList()");
            assertEquals("[2, 4, 6]", KernelClient.resultText(client.awaitIopub(list)));
            // JShell's $N for each value would count here, and be imported by every later compile.
            assertEquals(before, namespaceSize(client));
        }
    }

    private static int namespaceSize(KernelClient client) {
        Message request = client.send(client.control, client.request("usage_request", Json.object()));
        return client.awaitControlReply(request).content().path("namespace_size").asInt(-1);
    }

    @Test
    void unknownTypesGetBusyAndIdleAndNoCrash() {
        try (KernelClient client = kernel.client()) {
            Message unknown = client.send(client.shell, client.request("teleport_request", Json.object()));
            assertEquals(List.of("status", "status"), types(client.awaitIopub(unknown)));
            Message info = client.send(client.shell, client.request("kernel_info_request", Json.object()));
            assertEquals("ok", client.awaitReply(info).content().path("status").asText());
            assertTrue(client.shellReplies.stream().noneMatch(m -> KernelClient.isChild(m, unknown)));
        }
    }

    @Test
    void badlySignedAndMalformedMessagesAreDroppedAndLoggedWithoutTheKey() throws Exception {
        try (KernelClient client = kernel.client()) {
            Message forged = client.execute("System.out.println(\"forged\");");
            client.drain();
            List<byte[]> frames = new ArrayList<>(client.encode(client.request("execute_request", code("System.out.println(\"pwned\");"))));
            frames.set(1, "0".repeat(64).getBytes());
            client.sendFrames(client.shell, frames);
            client.sendFrames(client.shell, List.of("<IDS|MSG>".getBytes(), "x".getBytes()));
            List<byte[]> replayed = client.encode(client.request("execute_request", code("System.out.println(\"twice\");")));
            client.sendFrames(client.shell, replayed);
            client.sendFrames(client.shell, replayed);
            client.sendFrames(client.control, List.of("garbage".getBytes()));

            Message info = client.send(client.shell, client.request("kernel_info_request", Json.object()));
            client.awaitReply(info);
            client.awaitIopub(info);
            client.awaitIopub(forged);
            String allOutput = client.iopubMessages.stream().filter(m -> m.msgType().equals("stream"))
                    .map(m -> m.content().path("text").asText()).collect(Collectors.joining());
            assertFalse(allOutput.contains("pwned"));
            assertEquals(1, allOutput.split("twice", -1).length - 1, "a replayed message runs once: " + allOutput);
            Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> kernel.logText().contains("invalid signature"));
            String log = kernel.logText();
            assertTrue(log.contains("duplicate signature"), log);
            assertFalse(log.contains(kernel.connection.path("key").asText()), "the key never reaches the log");
        }
    }

    private static ObjectNode code(String code) {
        ObjectNode content = Json.object();
        content.put("code", code);
        content.put("silent", false);
        return content;
    }

    @Test
    void aSecondClientsExecuteWaitsItsTurn() {
        try (KernelClient first = kernel.client(); KernelClient second = kernel.client()) {
            Message slow = first.execute("Thread.sleep(500); \"first\"");
            first.await(first.iopubMessages, m -> KernelClient.isChild(m, slow) && m.msgType().equals("execute_input"));
            Message waiting = second.execute("\"second\"");
            Message secondReply = second.awaitReply(waiting);
            Message firstReply = first.awaitReply(slow);
            assertEquals("ok", firstReply.content().path("status").asText());
            assertEquals("ok", secondReply.content().path("status").asText());
            assertTrue(secondReply.content().path("execution_count").asInt() > firstReply.content().path("execution_count").asInt());
        }
    }

    @Test
    void heartbeatEchoesWhileACellRuns() {
        try (KernelClient client = kernel.client()) {
            Message busy = client.execute("Thread.sleep(1500);");
            client.await(client.iopubMessages, m -> KernelClient.isChild(m, busy) && m.msgType().equals("execute_input"));
            client.heartbeat.send("ping".getBytes(), 0);
            client.heartbeat.setReceiveTimeOut(1000);
            assertEquals("ping", new String(client.heartbeat.recv(0)));
            client.awaitReply(busy);
        }
    }

    @Test
    void systemExitInACellLeavesTheKernelServing() {
        try (KernelClient client = kernel.client()) {
            client.awaitReply(client.execute("int before = 1;"));
            Message exit = client.execute("System.exit(3);");
            Message reply = client.awaitReply(exit);
            assertEquals("error", reply.content().path("status").asText());
            assertEquals("ExecutorDied", reply.content().path("ename").asText());
            assertTrue(reply.content().path("evalue").asText().contains("exit code 3"), reply.content().toString());
            Message after = client.execute("1 + 1");
            assertEquals("ok", client.awaitReply(after).content().path("status").asText());
        }
    }
}
