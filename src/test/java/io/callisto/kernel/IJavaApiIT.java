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
    void lineMagicWithLiteralArgumentsRunsInTheKernelAndComputedOnesSayWhyNot() {
        try (KernelClient client = kernel.client()) {
            assertEquals("1", client.result("List<String> jars = lineMagic(\"jars\", List.of(\"" + libs + "/greeter.jar\"));\njars.size()"));
            assertEquals("\"hi\"", client.result("io.github.spencerpark.ijava.runtime.Magics.lineMagic(\"classpath\", List.of(\"" + libs
                    + "/counter.jar\"));\ninline.Greeter.hi()"));

            Message computed = client.execute("String name = \"jars\";\nlineMagic(name, List.of(\"x.jar\"))");
            Message reply = client.awaitReply(computed);
            assertEquals("java.lang.UnsupportedOperationException", reply.content().path("ename").asText());
            assertTrue(reply.content().path("evalue").asText().contains("string literals"), reply.content().toString());

            Message eval = client.execute("eval(\"1 + 2\")");
            Message evalReply = client.awaitReply(eval);
            assertEquals("java.lang.UnsupportedOperationException", evalReply.content().path("ename").asText());
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
