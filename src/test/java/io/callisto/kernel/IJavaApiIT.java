package io.callisto.kernel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.callisto.testing.KernelClient;
import io.callisto.testing.KernelProcess;
import io.callisto.wire.Message;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import javax.tools.ToolProvider;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * IJava's public runtime API and magic forms against the real kernel: magics used as values inside Java
 * code, the MIME-type overloads of display/render/updateDisplay, and the functions IJava puts in scope.
 */
class IJavaApiIT {
    @TempDir
    static Path dir;
    static KernelProcess kernel;
    static Path libs;

    @BeforeAll
    static void startKernel() throws Exception {
        kernel = KernelProcess.start(dir);
        libs = Files.createDirectories(dir.resolve("lib with space"));
        jar(libs.resolve("greeter.jar"), "Greeter", "package inline; public class Greeter { public static String hi() { return \"hi\"; } }");
        jar(libs.resolve("counter.jar"), "Counter", "package inline; public class Counter { public static int one() { return 1; } }");
    }

    @AfterAll
    static void stopKernel() throws Exception {
        kernel.close();
    }

    private static void jar(Path jar, String className, String source) throws Exception {
        Path sources = Files.createDirectories(dir.resolve("src-" + className));
        Path file = Files.writeString(sources.resolve(className + ".java"), source);
        Path classes = Files.createDirectories(dir.resolve("classes-" + className));
        assertEquals(0, ToolProvider.getSystemJavaCompiler().run(null, null, null, "-d", classes.toString(), file.toString()));
        try (JarOutputStream out = new JarOutputStream(Files.newOutputStream(jar))) {
            out.putNextEntry(new JarEntry("inline/" + className + ".class"));
            out.write(Files.readAllBytes(classes.resolve("inline/" + className + ".class")));
            out.closeEntry();
        }
    }

    private static Message ok(KernelClient client, String code) {
        Message request = client.execute(code);
        Message reply = client.awaitReply(request);
        assertEquals("ok", reply.content().path("status").asText(), reply.content().toString());
        return request;
    }

    private static JsonNode only(List<Message> iopub, String msgType) {
        List<Message> found = iopub.stream().filter(m -> m.msgType().equals(msgType)).toList();
        assertEquals(1, found.size(), msgType + " in " + iopub);
        return found.get(0).content();
    }

    @Test
    void aMagicAfterAnAssignmentRunsAndGivesItsValue() {
        try (KernelClient client = kernel.client()) {
            Message request = ok(client, "int before = 1;\nList<String> added = %jars \"" + libs + "\"/*.jar;\n"
                    + "added.size() + \" \" + inline.Greeter.hi() + inline.Counter.one()");
            List<Message> iopub = client.awaitIopub(request);
            assertEquals("\"2 hi1\"", KernelClient.resultText(iopub));
            assertTrue(KernelClient.streamText(iopub).contains("greeter.jar"), KernelClient.streamText(iopub));
            assertEquals("[" + libs.resolve("counter.jar") + ", " + libs.resolve("greeter.jar") + "]", client.result("added"));

            // The magic may stand on the line after the '=' (IJava's line-start form), and take any declared type.
            assertEquals("1", client.result("Collection<String> again =\n    %classpath \"" + libs + "/counter.jar\";\nagain.size()"));
            assertEquals("null", client.result("Object repository = %mavenRepo local file:///nowhere;\nrepository"));
        }
    }

    @Test
    void anInlineMagicThatFailsNamesTheCellsLine() {
        try (KernelClient client = kernel.client()) {
            Message request = client.execute("int first = 1;\n\nList<String> none = %jars " + dir + "/missing/*.jar;");
            Message reply = client.awaitReply(request);
            assertEquals("MagicError", reply.content().path("ename").asText());
            String evalue = reply.content().path("evalue").asText();
            assertTrue(evalue.startsWith("line 3: %jars: nothing at"), evalue);
            assertEquals("1", client.result("first"), "the code before the magic ran");

            Message unknown = client.execute("Object x = %nosuchmagic a b;");
            assertTrue(client.awaitReply(unknown).content().path("evalue").asText().startsWith("line 1: %nosuchmagic: "));

            Message compile = client.execute("int fine = 2;\nString wrong = %jars \"" + libs + "\"/greeter.jar;");
            Message compileReply = client.awaitReply(compile);
            assertEquals("CompilationError", compileReply.content().path("ename").asText());
            assertTrue(compileReply.content().path("evalue").asText().contains("line 2"), compileReply.content().toString());
        }
    }

    @Test
    void lineMagicWithLiteralArgumentsRunsInTheKernelBeforeTheCell() {
        try (KernelClient client = kernel.client()) {
            assertEquals("1", client.result("List<String> jars = lineMagic(\"jars\", List.of(\"" + libs + "/greeter.jar\"));\njars.size()"));
            assertEquals("\"hi\"", client.result("io.github.spencerpark.ijava.runtime.Magics.lineMagic(\"classpath\", List.of(\"" + libs
                    + "/counter.jar\"));\ninline.Greeter.hi()"));
        }
    }

    @Test
    void lineMagicWithComputedArgumentsRunsWhileTheCellRuns() {
        try (KernelClient client = kernel.client()) {
            Message request = ok(client, "String where = \"" + libs + "\";\n"
                    + "List<String> added = lineMagic(\"jars\", List.of(where + \"/greeter.jar\"));\n"
                    + "added");
            List<Message> iopub = client.awaitIopub(request);
            assertEquals("[" + libs.resolve("greeter.jar") + "]", KernelClient.resultText(iopub));
            assertTrue(KernelClient.streamText(iopub).contains("Added to the classpath: " + libs.resolve("greeter.jar")),
                    "the magic's output goes to the cell: " + KernelClient.streamText(iopub));
            assertEquals("\"hi\"", client.result("inline.Greeter.hi()"), "the jar reached the compiler and the executor");

            assertEquals("null", client.result("String script = \"echo from-bash\";\nObject none = cellMagic(\"bash\", List.of(), script);\nnone"));

            Message unknown = client.execute("String name = \"nosuchmagic\";\nlineMagic(name, List.of())");
            Message reply = client.awaitReply(unknown);
            assertEquals("io.callisto.executor.EvalException", reply.content().path("ename").asText(), reply.content().toString());
            assertTrue(reply.content().path("evalue").asText().startsWith("line magic %nosuchmagic: %nosuchmagic is not a magic"),
                    reply.content().toString());
        }
    }

    @Test
    void evalReturnsTheObjectItselfAndKeepsItsDeclarations() {
        try (KernelClient client = kernel.client()) {
            assertEquals("\"xy\"", client.result("Object o = eval(\"new StringBuilder(\\\"x\\\")\");\n"
                    + "((StringBuilder) o).append(\"y\").toString()"));
            assertEquals("3", client.result("eval(\"1 + 2\")"));
            assertEquals("true", client.result("var list = new ArrayList<String>();\n"
                    + "eval(\"list\") == list"), "a variable's value is the same object, not a copy");

            // Declarations made by eval stay in the notebook, for the rest of this cell and for later ones.
            assertEquals("null", client.result("Object declared = eval(\"int evalTwice(int x) { return 2 * x; } int fromEval = 21;\");\n"
                    + "declared"));
            assertEquals("42", client.result("evalTwice(fromEval)"));

            // In a loop, each eval sees the notebook as the last one left it.
            Message loop = ok(client, "int total = 0;\nfor (int i = 1; i <= 5; i++) {\n"
                    + "    eval(\"int step = \" + i + \";\");\n"
                    + "    total += (Integer) eval(\"step * 10\");\n"
                    + "}\ntotal");
            assertEquals("150", KernelClient.resultText(client.awaitIopub(loop)));
            assertEquals("5", client.result("step"));

            Message printed = ok(client, "System.out.println(\"before\");\neval(\"System.out.println(\\\"inside\\\")\");\n"
                    + "System.out.println(\"after\");");
            assertEquals("before\ninside\nafter\n", KernelClient.streamText(client.awaitIopub(printed)));
        }
    }

    @Test
    void evalThrowsWhatTheCodeThrowsAndSaysWhyCodeDoesNotCompile() {
        try (KernelClient client = kernel.client()) {
            Message compile = client.execute("eval(\"int broken = nope + 1;\")");
            Message compileReply = client.awaitReply(compile);
            assertEquals("io.callisto.executor.EvalException", compileReply.content().path("ename").asText());
            String why = compileReply.content().path("evalue").asText();
            assertTrue(why.contains("does not compile") && why.contains("cannot find symbol") && why.contains("nope"), why);

            assertEquals("\"caught: bad argument\"", client.result("String caught;\n"
                    + "try {\n    eval(\"throw new IllegalArgumentException(\\\"bad argument\\\");\");\n    caught = \"no\";\n"
                    + "} catch (IllegalArgumentException e) {\n    caught = \"caught: \" + e.getMessage();\n}\ncaught"));

            Message checked = client.execute("eval(\"throw new java.io.IOException(\\\"disk\\\");\")");
            Message checkedReply = client.awaitReply(checked);
            assertEquals("java.io.IOException", checkedReply.content().path("ename").asText(), checkedReply.content().toString());
            assertEquals("disk", checkedReply.content().path("evalue").asText());

            Message unfinished = client.execute("eval(\"int x = \")");
            assertTrue(client.awaitReply(unfinished).content().path("evalue").asText().contains("unfinished"));

            Message nested = client.execute("eval(\"eval(\\\"1\\\")\")");
            assertTrue(client.awaitReply(nested).content().path("evalue").asText().contains("cannot be called from code that eval runs"));
            assertEquals("7", client.result("eval(\"3 + 4\")"), "eval works again after a failed one");
        }
    }

    @Test
    void anInterruptStopsACellThatIsInsideEval() {
        try (KernelClient client = kernel.client()) {
            Message request = client.execute("int beforeLoop = 1;\nSystem.out.println(\"running\");\n"
                    + "eval(\"System.out.println(\\\"nested\\\"); for (;;) { }\");\nint afterLoop = 2;");
            client.await(client.iopubMessages, m -> KernelClient.isChild(m, request) && m.msgType().equals("stream")
                    && m.content().path("text").asText().contains("nested"));
            Message interrupt = client.send(client.control, client.request("interrupt_request", io.callisto.wire.Json.object()));
            assertEquals("ok", client.awaitControlReply(interrupt).content().path("status").asText());
            Message reply = client.awaitReply(request);
            assertEquals("Interrupted", reply.content().path("ename").asText(), reply.content().toString());
            assertEquals("1", client.result("beforeLoop"), "the JVM running cells was not restarted");
            assertEquals("6", client.result("eval(\"2 * 3\")"), "eval works after the interrupt");

            // Evals back to back: the stop may come while the kernel compiles one, between its snippets, or as
            // a nested snippet ends; rounds enough that each of those comes up (a stop in the command loop ended the executor).
            for (int round = 0; round < 20; round++) {
                Message busy = client.execute("System.out.println(\"running\");\nint evals = 0;\n"
                        + "for (;;) { eval(\"int counted = \" + evals + \";\"); evals++; }");
                client.await(client.iopubMessages, m -> KernelClient.isChild(m, busy) && m.msgType().equals("stream"));
                Message stop = client.send(client.control, client.request("interrupt_request", io.callisto.wire.Json.object()));
                client.awaitControlReply(stop);
                Message stopped = client.awaitReply(busy);
                assertEquals("Interrupted", stopped.content().path("ename").asText(), stopped.content().toString());
                assertEquals("1", client.result("beforeLoop"), "the JVM running cells was not restarted");
            }
        }
    }

    @Test
    void aStringAskedForAsHtmlOrMarkdownIsThatContent() {
        try (KernelClient client = kernel.client()) {
            Message shown = ok(client, "String id = display(\"<b>bold</b>\", \"text/html\");\n"
                    + "updateDisplay(id, \"<b>bolder</b>\", \"text/html\");");
            List<Message> iopub = client.awaitIopub(shown);
            JsonNode data = only(iopub, "display_data").path("data");
            assertEquals("<b>bold</b>", data.path("text/html").asText());
            assertEquals("<b>bold</b>", data.path("text/plain").asText());
            JsonNode update = only(iopub, "update_display_data");
            assertEquals("<b>bolder</b>", update.path("data").path("text/html").asText());
            assertEquals(client.result("id").replace("\"", ""), update.path("transient").path("display_id").asText());

            Message rendered = ok(client, "String md = \"Hello from **IJava**\";\nrender(md, \"text/markdown\")");
            JsonNode result = only(client.awaitIopub(rendered), "execute_result").path("data");
            assertEquals("Hello from **IJava**", result.path("text/markdown").asText());

            Message several = ok(client, "display(\"<b>Bold</b>\", \"text/html\", \"text/markdown\", \"image/png\");");
            JsonNode both = only(client.awaitIopub(several), "display_data").path("data");
            assertEquals(List.of("<b>Bold</b>", "<b>Bold</b>", false), List.of(both.path("text/html").asText(),
                    both.path("text/markdown").asText(), both.has("image/png")), "a type a string cannot be is left out");
        }
    }

    @Test
    void ijavasRuntimeFunctionsNeedNoImport() {
        try (KernelClient client = kernel.client()) {
            Message printed = ok(client, "printf(\"%d-%s%n\", 7, \"seven\");");
            assertEquals("7-seven\n", KernelClient.streamText(client.awaitIopub(printed)));
            assertEquals("true", client.result("getKernelInstance() == io.github.spencerpark.ijava.IJava.getKernelInstance()"));

            // The IJava names, imported explicitly as IJava's own startup does, compile beside Callisto's.
            Message explicit = ok(client, "import static io.github.spencerpark.ijava.runtime.Display.*;\n"
                    + "import static io.github.spencerpark.ijava.runtime.Kernel.*;\n"
                    + "import static io.github.spencerpark.ijava.runtime.Magics.*;\n"
                    + "import io.github.spencerpark.ijava.runtime.Display;\n"
                    + "import io.github.spencerpark.jupyter.kernel.display.DisplayData;\n"
                    + "DisplayData data = Display.render(\"<i>x</i>\", \"text/html\");\n"
                    + "getKernelInstance().display(data);\n"
                    + "render(\"plain\");\n"
                    + "Display.updateDisplay(Display.display(\"a\"), \"<i>b</i>\", \"text/html\");");
            List<Message> iopub = client.awaitIopub(explicit);
            assertEquals(2, iopub.stream().filter(m -> m.msgType().equals("display_data")).count(), iopub.toString());
            assertEquals("<i>b</i>", only(iopub, "update_display_data").path("data").path("text/html").asText());
        }
    }
}
