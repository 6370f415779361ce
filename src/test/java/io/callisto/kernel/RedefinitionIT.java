package io.callisto.kernel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.callisto.testing.KernelClient;
import io.callisto.testing.KernelProcess;
import io.callisto.wire.Message;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.io.TempDir;

/**
 * Values survive redefinition as they do in jshell's default mode: each scenario of
 * {@code redefinition-scenarios.txt} runs its cells in a fresh kernel, one execute each, and its final
 * expression must give the value jshell gave (kept in the file by tools/redefinition_expected.py). A
 * variable JShell had to replace is named in a note on the cell's stderr.
 */
class RedefinitionIT {
    @TempDir
    Path dir;

    /** One scenario: its cells, the expression asked at the end, and jshell's answer to it. */
    record Scenario(String name, List<String> cells, String expression, String expected) {
    }

    @TestFactory
    Stream<DynamicTest> everyScenarioEndsAsInJshell() throws IOException {
        return scenarios().stream().map(scenario -> DynamicTest.dynamicTest(scenario.name(), () -> run(scenario)));
    }

    private void run(Scenario scenario) throws Exception {
        try (KernelProcess kernel = KernelProcess.start(dir); KernelClient client = kernel.client()) {
            StringBuilder notes = new StringBuilder();
            for (String cell : scenario.cells()) {
                Message request = client.execute(cell);
                Message reply = client.awaitReply(request);
                assertEquals("ok", reply.content().path("status").asText(),
                        scenario.name() + ": the cell failed: " + cell + "\n" + reply.content());
                notes.append(KernelClient.streamText(client.awaitIopub(request)));
            }
            Message request = client.execute(scenario.expression());
            Message reply = client.awaitReply(request);
            List<Message> iopub = client.awaitIopub(request);
            String expected = scenario.expected();
            if (expected.startsWith("!error: ")) {
                // jshell could no longer compile the expression: the variable was replaced and is unusable.
                assertEquals("CompilationError", reply.content().path("ename").asText(), reply.content().toString());
                String message = expected.substring("!error: ".length());
                assertTrue(reply.content().toString().contains(message), message + " in " + reply.content());
                assertTrue(notes.toString().contains("Note: "), "the user was told: " + notes);
            } else if (expected.startsWith("!")) {
                assertEquals(expected.substring(1), reply.content().path("ename").asText(), reply.content().toString());
            } else {
                assertEquals("ok", reply.content().path("status").asText(), reply.content().toString());
                assertEquals(expected, KernelClient.resultText(iopub), scenario.name() + "; notes: " + notes);
                if (scenario.expression().matches("\\w+")) {
                    // A variable jshell replaced is named in a note; one that kept its value is not.
                    String note = "Note: " + scenario.expression() + " ";
                    assertEquals(expected.equals("null"), notes.toString().contains(note),
                            "a note names " + scenario.expression() + " exactly when its value was reset: " + notes);
                }
            }
        }
    }

    /** The scenarios of the resource file: "### name", cells split by "---", "&gt;&gt;&gt; expression", then the value. */
    static List<Scenario> scenarios() throws IOException {
        String text;
        try (InputStream in = RedefinitionIT.class.getResourceAsStream("/io/callisto/engine/redefinition-scenarios.txt")) {
            text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        List<Scenario> scenarios = new ArrayList<>();
        String[] lines = text.split("\n", -1);
        String name = null;
        List<String> cells = new ArrayList<>();
        List<String> cell = new ArrayList<>();
        for (int i = 0; i < lines.length; i++) {
            String line = lines[i];
            if (line.startsWith("### ")) {
                name = line.substring(4).strip();
                cells = new ArrayList<>();
                cell.clear();
            } else if (name != null && line.equals("---")) {
                cells.add(String.join("\n", cell));
                cell.clear();
            } else if (name != null && line.startsWith(">>> ")) {
                cells.add(String.join("\n", cell));
                scenarios.add(new Scenario(name, List.copyOf(cells), line.substring(4), lines[++i]));
                name = null;
            } else if (name != null) {
                cell.add(line);
            }
        }
        return scenarios;
    }
}
