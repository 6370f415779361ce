package io.callisto.kernel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.callisto.testing.KernelClient;
import io.callisto.testing.KernelProcess;
import io.callisto.wire.Json;
import io.callisto.wire.Message;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.stream.Collectors;
import javax.tools.ToolProvider;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Magics against the real kernel: classpath and jars, timing, shells and their interrupts, line numbers. */
class MagicsIT {
    @TempDir
    static Path dir;
    static KernelProcess kernel;

    @BeforeAll
    static void startKernel() throws Exception {
        kernel = KernelProcess.start(dir);
    }

    @AfterAll
    static void stopKernel() throws Exception {
        kernel.close();
    }

    private static Path compile(String className, String source) throws Exception {
        Path sources = Files.createDirectories(dir.resolve("src-" + className));
        Path file = Files.writeString(sources.resolve(className + ".java"), source);
        Path classes = Files.createDirectories(dir.resolve("classes-" + className));
        assertEquals(0, ToolProvider.getSystemJavaCompiler().run(null, null, null, "-d", classes.toString(), file.toString()));
        return classes;
    }

    @Test
    void classpathAndJarsMakeClassesUsableInTheSameCell() throws Exception {
        Path classes = compile("Shout", "package magic; public class Shout { public static String loud(String s) { return s.toUpperCase(); } }");
        Path jar = dir.resolve("libs/whisper.jar");
        Files.createDirectories(jar.getParent());
        Path whisperClasses = compile("Whisper", "package magic; public class Whisper { public static String soft(String s) { return s.toLowerCase(); } }");
        try (JarOutputStream out = new JarOutputStream(Files.newOutputStream(jar))) {
            out.putNextEntry(new JarEntry("magic/Whisper.class"));
            out.write(Files.readAllBytes(whisperClasses.resolve("magic/Whisper.class")));
            out.closeEntry();
        }
        Files.writeString(jar.resolveSibling("notes.txt"), "not a jar");
        try (KernelClient client = kernel.client()) {
            Message request = client.execute("%classpath " + classes + "\n%jars " + jar.getParent() + "/*\nmagic.Shout.loud(\"a\") + magic.Whisper.soft(\"B\")");
            Message reply = client.awaitReply(request);
            assertEquals("ok", reply.content().path("status").asText(), reply.content().toString());
            List<Message> iopub = client.awaitIopub(request);
            assertEquals("\"Ab\"", KernelClient.resultText(iopub));
            assertTrue(KernelClient.streamText(iopub).contains("whisper.jar") && !KernelClient.streamText(iopub).contains("notes.txt"), KernelClient.streamText(iopub));
        }
    }

    @Test
    void timePrintsTheWallTimeAndKeepsTheResult() {
        try (KernelClient client = kernel.client()) {
            Message line = client.execute("%time Thread.sleep(20)");
            client.awaitReply(line);
            assertTrue(KernelClient.streamText(client.awaitIopub(line)).matches("(?s)Wall time: \\d+\\.\\d (ms|s)\\n"), KernelClient.streamText(client.iopubOf(line)));

            Message cell = client.execute("%%time\nint t = 20;\nt + 1");
            client.awaitReply(cell);
            List<Message> iopub = client.awaitIopub(cell);
            assertEquals("21", KernelClient.resultText(iopub));
            assertTrue(KernelClient.streamText(iopub).startsWith("Wall time: "), KernelClient.streamText(iopub));
        }
    }

    @Test
    void errorsAfterMagicLinesNameTheCellsOwnLine() {
        try (KernelClient client = kernel.client()) {
            Message request = client.execute("%lsmagic\nint fine = 1;\nint broken = \"text\";");
            Message reply = client.awaitReply(request);
            assertEquals("CompilationError", reply.content().path("ename").asText());
            assertTrue(reply.content().path("evalue").asText().contains("line 3"), reply.content().toString());
        }
    }

    @Test
    void anInterruptEndsABashCell() {
        try (KernelClient client = kernel.client()) {
            Message request = client.execute("%%bash\necho started\nsleep 600");
            client.await(client.iopubMessages, m -> KernelClient.isChild(m, request) && m.msgType().equals("stream"));
            client.awaitControlReply(client.send(client.control, client.request("interrupt_request", Json.object())));
            Message reply = client.awaitReply(request);
            assertEquals("ShellError", reply.content().path("ename").asText(), reply.content().toString());
            assertTrue(reply.content().path("evalue").asText().contains("signal"), reply.content().toString());
        }
    }

    @Test
    void mavenOfflineGivesAClearErrorAndLeavesTheSessionAsItWas() throws Exception {
        Path settings = Files.writeString(dir.resolve("offline-settings.xml"),
                "<settings><offline>true</offline><localRepository>" + dir.resolve("empty-repository")
                        + "</localRepository></settings>");
        java.util.Map<String, String> env = java.util.Map.of("CALLISTO_MAVEN_SETTINGS", settings.toString());
        try (KernelProcess offline = KernelProcess.start(dir, "hmac-sha256", java.util.UUID.randomUUID().toString(), env);
             KernelClient client = offline.client()) {
            client.awaitReply(client.execute("int kept = 5;"));
            Message request = client.execute("%maven org.knowm.xchart:xchart:3.8.8");
            Message reply = client.awaitReply(request);
            assertEquals("MagicError", reply.content().path("ename").asText());
            String evalue = reply.content().path("evalue").asText();
            assertTrue(evalue.contains("org.knowm.xchart:xchart") && evalue.contains("offline"), evalue);
            assertTrue(client.awaitIopub(request).stream().anyMatch(m -> m.msgType().equals("update_display_data")),
                    "the progress line is replaced by the outcome");
            Message after = client.execute("kept + 1");
            client.awaitReply(after);
            assertEquals("6", KernelClient.resultText(client.awaitIopub(after)));
        }
    }

    @Test
    void unknownMagicsListTheKnownOnes() {
        try (KernelClient client = kernel.client()) {
            Message reply = client.awaitReply(client.execute("%mavenn org.example:x:1"));
            assertEquals("MagicError", reply.content().path("ename").asText());
            assertTrue(reply.content().path("evalue").asText().contains("%classpath"), reply.content().toString());
        }
    }
}
