package io.callisto.kernel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.callisto.testing.KernelClient;
import io.callisto.testing.KernelProcess;
import io.callisto.wire.Json;
import io.callisto.wire.Message;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What an editor asks while the user types: completion with kinds, inspection, history, is_complete. */
class EditorIT {
    @TempDir
    static Path dir;
    static KernelProcess kernel;

    @BeforeAll
    static void startKernel() throws Exception {
        kernel = KernelProcess.start(dir);
        try (KernelClient client = kernel.client()) {
            client.awaitReply(client.execute(
                    "/** Says hello. */\nString greet(String name) {\n    return \"hi \" + name;\n}\nint counter = 3;\nrecord Point(int x, int y) {}"));
        }
    }

    @AfterAll
    static void stopKernel() throws Exception {
        kernel.close();
    }

    private static ObjectNode complete(KernelClient client, String code, int cursorCodePoints) {
        ObjectNode content = Json.object();
        content.put("code", code);
        content.put("cursor_pos", cursorCodePoints);
        return client.awaitReply(client.send(client.shell, client.request("complete_request", content))).content();
    }

    private static Map<String, String> kinds(ObjectNode reply) {
        return toList(reply.path("metadata").path("_jupyter_types_experimental")).stream()
                .collect(Collectors.toMap(m -> m.path("text").asText(), m -> m.path("type").asText(), (a, b) -> a));
    }

    private static List<JsonNode> toList(JsonNode array) {
        List<JsonNode> list = new ArrayList<>();
        array.forEach(list::add);
        return list;
    }

    @Test
    void memberCompletionCarriesKindsAndSignatures() {
        try (KernelClient client = kernel.client()) {
            String code = "\"text\".toUpp";
            ObjectNode reply = complete(client, code, code.length());
            assertEquals(7, reply.path("cursor_start").asInt());
            assertEquals(code.length(), reply.path("cursor_end").asInt());
            assertEquals("method", kinds(reply).get("toUpperCase("));
            JsonNode first = reply.path("metadata").path("_jupyter_types_experimental").get(0);
            assertTrue(first.path("signature").asText().contains("toUpperCase"), first.toString());
            assertEquals(reply.path("matches").size(), reply.path("metadata").path("_jupyter_types_experimental").size());
        }
    }

    @Test
    void aSignatureFollowsItsReceiverWhenTheReceiverIsRedefined() {
        // Signatures are kept between completions (Completions): a new declaration must make them be looked up again.
        try (KernelClient client = kernel.client()) {
            client.awaitReply(client.execute("String shape = \"round\";"));
            String code = "shape.isEm";
            String before = signatureOf(complete(client, code, code.length()));
            assertTrue(before.contains("String.isEmpty()"), before);
            client.awaitReply(client.execute("List<String> shape = List.of(\"square\");"));
            String after = signatureOf(complete(client, code, code.length()));
            assertTrue(after.contains("List<E>.isEmpty()"), after);
        }
    }

    private static String signatureOf(ObjectNode reply) {
        return reply.path("metadata").path("_jupyter_types_experimental").get(0).path("signature").asText();
    }

    @Test
    void completionKnowsTheNotebooksDeclarationsTypesAndKeywords() {
        try (KernelClient client = kernel.client()) {
            assertEquals("method", kinds(complete(client, "gre", 3)).get("greet("));
            assertEquals("variable", kinds(complete(client, "coun", 4)).get("counter"));
            assertEquals("keyword", kinds(complete(client, "whi", 3)).get("while"));
            Map<String, String> types = kinds(complete(client, "Runn", 4));
            assertEquals("interface", types.get("Runnable"));
            assertEquals("class", kinds(complete(client, "Poi", 3)).get("Point"));
            assertEquals("field", kinds(complete(client, "Integer.MAX_V", 13)).get("MAX_VALUE"));
        }
    }

    @Test
    void theFirstCompletionInAFreshKernelAlreadyListsPackages(@TempDir Path own) throws Exception {
        // JShell's package index is built when completion first asks for it (CompletionIndex): a completion
        // that finds nothing must wait for it rather than answer without packages.
        try (KernelProcess fresh = KernelProcess.start(own); KernelClient client = fresh.client()) {
            assertEquals(List.of("concurrent."), toList(complete(client, "java.util.con", 13).path("matches"))
                    .stream().map(JsonNode::asText).toList());
            Map<String, String> topLevel = kinds(complete(client, "jav", 3));
            assertEquals("package", topLevel.get("java."));
            assertEquals("package", topLevel.get("javax."));
        }
    }

    @Test
    void importCompletesPackagesAndClasses() {
        try (KernelClient client = kernel.client()) {
            ObjectNode packages = complete(client, "import java.ut", 14);
            assertEquals("package", kinds(packages).get("util."));
            assertEquals(12, packages.path("cursor_start").asInt());
            ObjectNode classes = complete(client, "import java.util.concurrent.atomic.AtomicI", 42);
            assertEquals(Map.of("AtomicInteger", "class", "AtomicIntegerArray", "class", "AtomicIntegerFieldUpdater", "class"),
                    kinds(classes));
        }
    }

    @Test
    void completionWorksMidLineAndInMultiLineCellsWithCodePointPositions() {
        try (KernelClient client = kernel.client()) {
            String code = "// \uD83D\uDE00 emoji first\nint len = \"abc\".leng + 1;\nlen";
            int cursorUtf16 = code.indexOf("leng") + 4;
            int cursor = code.codePointCount(0, cursorUtf16);
            ObjectNode reply = complete(client, code, cursor);
            assertEquals("method", kinds(reply).get("length()"), reply.toString());
            assertTrue(reply.path("metadata").path("_jupyter_types_experimental").get(0).path("signature").asText()
                    .contains("length()"), reply.toString());
            assertEquals(cursor - 4, reply.path("cursor_start").asInt());
            assertEquals(cursor, reply.path("cursor_end").asInt());
        }
    }

    private static ObjectNode inspect(KernelClient client, String code, int cursor, int detail) {
        ObjectNode content = Json.object();
        content.put("code", code);
        content.put("cursor_pos", cursor);
        content.put("detail_level", detail);
        return client.awaitReply(client.send(client.shell, client.request("inspect_request", content))).content();
    }

    @Test
    void inspectRendersJavadocAsTextAndMarkdown() {
        try (KernelClient client = kernel.client()) {
            for (int detail : new int[] {0, 1}) {
                ObjectNode reply = inspect(client, "Math.abs(", 9, detail);
                assertTrue(reply.path("found").asBoolean());
                String markdown = reply.path("data").path("text/markdown").asText();
                String plain = reply.path("data").path("text/plain").asText();
                assertTrue(markdown.contains("int Math.abs(int a)"), markdown);
                assertTrue(markdown.contains("absolute value"), "Javadoc from the JDK's src.zip: " + markdown);
                assertTrue(markdown.contains("**Parameters:**") && markdown.contains("**Returns:**"), markdown);
                assertTrue(markdown.contains("`int`"), "{@code int} renders as code: " + markdown);
                assertFalse(markdown.contains("{@code") || markdown.contains("<p>"), markdown);
                assertTrue(plain.contains("Returns:") && !plain.contains("**"), plain);
            }
        }
    }

    @Test
    void inspectFindsTheIdentifierBeforeTheCursorAndTheNotebooksOwnDeclarations() {
        try (KernelClient client = kernel.client()) {
            assertTrue(inspect(client, "Math.abs", 8, 0).path("found").asBoolean());
            ObjectNode declared = inspect(client, "greet(\"x\")", 3, 0);
            assertTrue(declared.path("found").asBoolean());
            assertTrue(declared.path("data").path("text/markdown").asText().contains("return \"hi \" + name;"), declared.toString());
            ObjectNode nothing = inspect(client, "   ", 1, 0);
            assertEquals("ok", nothing.path("status").asText());
            assertFalse(nothing.path("found").asBoolean());
        }
    }

    @Test
    void inspectFindsTheNameAroundTheCursorWhereverInItTheCursorIs() {
        try (KernelClient client = kernel.client()) {
            // Shift+Tab in JupyterLab sends the cursor where it is, often inside the word.
            for (int cursor = 0; cursor <= 6; cursor++) {
                ObjectNode type = inspect(client, "String", cursor, 0);
                assertTrue(type.path("found").asBoolean(), "cursor " + cursor + ": " + type);
                assertTrue(type.path("data").path("text/markdown").asText().contains("java.lang.String"), type.toString());
            }
            ObjectNode midDeclaration = inspect(client, "String s = \"x\";", 3, 0);
            assertTrue(midDeclaration.path("data").path("text/markdown").asText().contains("java.lang.String"), midDeclaration.toString());

            ObjectNode method = inspect(client, "List.of(1)", 6, 0);
            String markdown = method.path("data").path("text/markdown").asText();
            assertTrue(method.path("found").asBoolean(), method.toString());
            assertTrue(markdown.contains("List.<E>of(E e1)") || markdown.contains("of(E e1)"), markdown);

            ObjectNode member = inspect(client, "\"text\".toUpperCase()", 9, 0);
            assertTrue(member.path("data").path("text/markdown").asText().contains("toUpperCase"), member.toString());
        }
    }

    @Test
    void inspectFindsTheNotebooksOwnNamesFromInsideThemAndTheCallAroundTheCursor() {
        try (KernelClient client = kernel.client()) {
            ObjectNode variable = inspect(client, "counter + 1", 3, 0);
            assertTrue(variable.path("found").asBoolean(), variable.toString());
            assertTrue(variable.path("data").path("text/markdown").asText().contains("int counter = 3;"), variable.toString());

            ObjectNode method = inspect(client, "greet(\"x\")", 2, 0);
            assertTrue(method.path("data").path("text/markdown").asText().contains("String greet(String name)"), method.toString());

            // In an argument that is no name, the call around it is what Shift+Tab means.
            ObjectNode call = inspect(client, "Math.abs(-1)", 10, 0);
            assertTrue(call.path("data").path("text/markdown").asText().contains("int Math.abs(int a)"), call.toString());

            String emoji = "// \uD83D\uDE00\nStr";
            int cursor = emoji.codePointCount(0, emoji.length()) - 1;
            ObjectNode afterEmoji = inspect(client, emoji + "ing s;", cursor, 0);
            assertTrue(afterEmoji.path("data").path("text/markdown").asText().contains("java.lang.String"),
                    "a cursor counted in code points: " + afterEmoji);
        }
    }

    private static String isComplete(KernelClient client, String code) {
        ObjectNode content = Json.object();
        content.put("code", code);
        ObjectNode reply = client.awaitReply(client.send(client.shell, client.request("is_complete_request", content))).content();
        assertEquals(reply.path("status").asText().equals("incomplete"), reply.has("indent"), "indent only when incomplete: " + reply);
        return reply.path("status").asText();
    }

    @Test
    void isCompleteCallsCodeNoContinuationCanRepairInvalid() {
        try (KernelClient client = kernel.client()) {
            assertEquals("invalid", isComplete(client, "int 3x = 4;"));
            assertEquals("invalid", isComplete(client, "String s = \"abc\n"));
            assertEquals("invalid", isComplete(client, "String s = \"abc"));
            assertEquals("invalid", isComplete(client, "void f() {\n    String s = \"abc\n"));
            assertEquals("invalid", isComplete(client, "System.out.println(\"abc\n"));
            assertEquals("invalid", isComplete(client, "void f() {\n    int 3x = 4;"));
            assertEquals("invalid", isComplete(client, "int ok = 1;\nvoid g() {}\nint 2y = 3;"));
        }
    }

    @Test
    void isCompleteKeepsRealUnfinishedCodeIncompleteAndFinishedCodeComplete() {
        try (KernelClient client = kernel.client()) {
            assertEquals("incomplete", isComplete(client, "void f() {"));
            assertEquals("incomplete", isComplete(client, "String block = \"\"\"\n    open text"));
            assertEquals("incomplete", isComplete(client, "List.of(1,\n        2"));
            assertEquals("incomplete", isComplete(client, "greet(\n"));
            assertEquals("incomplete", isComplete(client, "/* a comment"));
            assertEquals("incomplete", isComplete(client, "@Override"));
            assertEquals("complete", isComplete(client, "int x = 1;"));
            assertEquals("complete", isComplete(client, "greet(\"a\") + counter"));
            assertEquals("complete", isComplete(client, "import java.time.*;\nrecord R(int a) {}\nnew R(1)"));
            assertEquals("complete", isComplete(client, "int wrongType = \"only the compiler minds\";"));
        }
    }

    @Test
    void everyCompileDiagnosticIsListedWithItsLine() {
        try (KernelClient client = kernel.client()) {
            Message request = client.execute("void twoErrors() {\n    int a = \"x\";\n    undefinedCall();\n}");
            Message reply = client.awaitReply(request);
            String traceback = reply.content().path("traceback").toString();
            assertTrue(traceback.contains("line 2") && traceback.contains("line 3"), traceback);
            assertTrue(traceback.contains("undefinedCall"), traceback);
            assertFalse(traceback.contains("$JShell"), traceback);
        }
    }

    @Test
    void aRedefinedTypeSaysWhichVariablesWereReset() {
        try (KernelClient client = kernel.client()) {
            client.awaitReply(client.execute("class Box { int v = 1; }\nBox box = new Box();"));
            Message redefine = client.execute("class Box { int v = 2; int w = 3; }");
            client.awaitReply(redefine);
            String stderr = client.awaitIopub(redefine).stream().filter(m -> m.msgType().equals("stream"))
                    .map(m -> m.content().path("text").asText()).collect(Collectors.joining());
            assertTrue(stderr.contains("box was reset"), stderr);
        }
    }

    private static List<JsonNode> history(KernelClient client, ObjectNode query) {
        return toList(client.awaitReply(client.send(client.shell, client.request("history_request", query))).content().path("history"));
    }

    @Test
    void historyIsKeptAcrossKernelRestarts() throws Exception {
        Path historyFile = dir.resolve("restart-history.jsonl");
        Map<String, String> env = Map.of("CALLISTO_HISTORY_FILE", historyFile.toString());
        int firstSession;
        try (KernelProcess first = KernelProcess.start(dir, "hmac-sha256", UUID.randomUUID().toString(), env);
             KernelClient client = first.client()) {
            client.awaitReply(client.execute("int remembered = 41;"));
            client.awaitReply(client.execute("remembered + 1"));
            ObjectNode tail = Json.object();
            tail.put("hist_access_type", "tail");
            tail.put("n", 10);
            tail.put("output", true);
            List<JsonNode> entries = history(client, tail);
            assertEquals(2, entries.size());
            assertEquals("remembered + 1", entries.get(1).get(2).get(0).asText());
            assertEquals("42", entries.get(1).get(2).get(1).asText());
            firstSession = entries.get(0).get(0).asInt();
        }
        try (KernelProcess second = KernelProcess.start(dir, "hmac-sha256", UUID.randomUUID().toString(), env);
             KernelClient client = second.client()) {
            ObjectNode tail = Json.object();
            tail.put("hist_access_type", "tail");
            tail.put("n", 10);
            List<JsonNode> entries = history(client, tail);
            assertEquals(List.of("int remembered = 41;", "remembered + 1"),
                    entries.stream().map(e -> e.get(2).asText()).collect(Collectors.toList()));
            ObjectNode search = Json.object();
            search.put("hist_access_type", "search");
            search.put("pattern", "remembered*");
            assertEquals(1, history(client, search).size());
            ObjectNode range = Json.object();
            range.put("hist_access_type", "range");
            range.put("session", firstSession);
            range.put("start", 1);
            range.put("stop", 2);
            assertEquals("int remembered = 41;", history(client, range).get(0).get(2).asText());
        }
    }
}
