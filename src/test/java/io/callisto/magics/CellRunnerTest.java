package io.callisto.magics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.callisto.dependencies.DependencyResolver;
import io.callisto.engine.Engine;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** How a cell with magics is cut up: which code reaches the engine, with which line numbers, in which order. */
class CellRunnerTest {
    /** Records the code it is given; the parsing under test needs no compiler. */
    private static final class RecordingEngine implements Engine {
        final List<String> executed = new ArrayList<>();
        final List<String> classpath = new ArrayList<>();

        @Override
        public CellOutcome execute(String code, int cellNumber) {
            executed.add(code);
            return code.contains("fail") ? new Failure("E", "failed", List.of()) : new Success("ok");
        }

        @Override
        public Map<String, CellOutcome> evaluate(Map<String, String> expressions) {
            return Map.of();
        }

        @Override
        public Completion complete(String code, int cursor) {
            return new Completion(List.of(), cursor, cursor);
        }

        @Override
        public Inspection inspect(String code, int cursor, int detailLevel) {
            return new Inspection(false, "", "");
        }

        @Override
        public Completeness isComplete(String code) {
            return new Completeness("complete", null);
        }

        @Override
        public void addToClasspath(String path) {
            classpath.add(path);
        }

        @Override
        public List<Variable> variables() {
            return List.of();
        }

        @Override
        public List<String> imports() {
            return List.of("import java.util.*;");
        }

        @Override
        public void interrupt() {
        }

        @Override
        public void close() {
        }
    }

    private final RecordingEngine engine = new RecordingEngine();
    private final ByteArrayOutputStream printed = new ByteArrayOutputStream();
    private final CellRunner runner = new CellRunner(new Magics(new DependencyResolver(Map.of())));
    private final MagicContext context = new MagicContext() {
        private final PrintStream out = new PrintStream(printed, true, StandardCharsets.UTF_8);
        private final Map<String, String> environment = new HashMap<>();

        @Override
        public Engine engine() {
            return engine;
        }

        @Override
        public PrintStream out() {
            return out;
        }

        @Override
        public PrintStream err() {
            return out;
        }

        @Override
        public int cellNumber() {
            return 7;
        }

        @Override
        public void display(String msgType, Map<String, Object> data, String displayId) {
            out.println(msgType + " " + data);
        }

        @Override
        public Map<String, String> environment() {
            return environment;
        }
    };

    @Test
    void onlyLinesThatStartWithAMagicNameAreMagics() {
        assertTrue(CellRunner.hasMagic("%lsmagic"));
        assertTrue(CellRunner.hasMagic("int a = 1;\n  %time a + 1"));
        assertTrue(CellRunner.hasMagic("%%bash\necho"));
        assertFalse(CellRunner.hasMagic("int a = 10\n% 3;"));
        assertFalse(CellRunner.hasMagic("String s = \"%d\";"));
    }

    @Test
    void codeAroundLineMagicsKeepsTheCellsLineNumbers() throws Exception {
        Engine.CellOutcome outcome = runner.run("int a = 1;\n%imports\nint b = 2;\nb", context);
        assertEquals(List.of("int a = 1;", "\n\nint b = 2;\nb"), engine.executed);
        assertEquals("ok", ((Engine.Success) outcome).resultText());
        assertEquals("import java.util.*;\n", printed.toString(StandardCharsets.UTF_8));
    }

    @Test
    void aFailureBeforeAMagicStopsTheCell() throws Exception {
        Engine.CellOutcome outcome = runner.run("fail here;\n%imports\nnever();", context);
        assertTrue(outcome instanceof Engine.Failure);
        assertEquals(List.of("fail here;"), engine.executed);
        assertEquals("", printed.toString(StandardCharsets.UTF_8));
    }

    @Test
    void aCellMagicTakesTheRestOfTheCell() throws Exception {
        runner.run("\n%%time\nint x = 1;\nx", context);
        assertEquals(List.of("int x = 1;\nx"), engine.executed);
        assertTrue(printed.toString(StandardCharsets.UTF_8).startsWith("Wall time: "));
    }

    @Test
    void cellMagicsBelowTheFirstLineAndUnknownNamesAreRefused() {
        MagicException late = assertThrows(MagicException.class, () -> runner.run("int a;\n%%time\na", context));
        assertTrue(late.getMessage().contains("first line"));
        MagicException unknown = assertThrows(MagicException.class, () -> runner.run("%nope", context));
        assertTrue(unknown.getMessage().contains("%maven") && unknown.getMessage().contains("%%bash"), unknown.getMessage());
        MagicException wrongKind = assertThrows(MagicException.class, () -> runner.run("%bash", context));
        assertTrue(wrongKind.getMessage().contains("%%bash, a cell magic"), wrongKind.getMessage());
    }

    @Test
    void mavenRepoAndCoordinatesAreCheckedBeforeAnyResolution() {
        assertThrows(MagicException.class, () -> runner.run("%mavenRepo only-an-id", context));
        MagicException bad = assertThrows(MagicException.class, () -> runner.run("%maven not-a-coordinate", context));
        assertTrue(bad.getMessage().contains("groupId:artifactId:version"), bad.getMessage());
    }

    @Test
    void aMagicUsedAsAValueRunsFirstAndItsValueTakesItsPlaceOnTheSameLine(@TempDir Path dir) throws Exception {
        Path jar = Files.createFile(dir.resolve("a.jar"));
        runner.run("int a = 1;\nList<String> added = %jars " + dir + "/*.jar;  // the jars\nadded", context);
        assertEquals(List.of("int a = 1;", "\nList<String> added = java.util.List.of(" + InlineMagics.javaString(jar.toString())
                + ");  // the jars\nadded"), engine.executed);
        assertEquals(List.of(jar.toString()), engine.classpath);
    }

    @Test
    void literalLineMagicCallsRunInTheKernelAndMagicsWithoutAValueBecomeNull() throws Exception {
        runner.run("lineMagic(\"mavenRepo\", List.of(\"id\", \"https://repo.example/m2\"));", context);
        assertEquals(List.of(InlineMagics.NO_VALUE + ";"), engine.executed);
        assertTrue(printed.toString(StandardCharsets.UTF_8).contains("Added repository id"));
    }

    @Test
    void percentSignsInStringsCommentsAndArithmeticAreJava() {
        assertFalse(CellRunner.hasMagic("String s = \"x = %jars a.jar\";"));
        assertFalse(CellRunner.hasMagic("int r = 7 % 3; // x = %jars"));
        assertFalse(CellRunner.hasMagic("String f = String.format(\"%d\", 1);"));
        assertFalse(CellRunner.hasMagic("obj.lineMagic(\"jars\", List.of(\"a\"));"));
        assertTrue(CellRunner.hasMagic("var x = %maven g:a:1;"));
    }

    @Test
    void anInlineMagicThatFailsNamesItsLine() {
        MagicException failed = assertThrows(MagicException.class, () -> runner.run("int a = 1;\n\nObject x = %jars /no/such/dir/*.jar;", context));
        assertTrue(failed.getMessage().startsWith("line 3: %jars: nothing at /no/such/dir/*.jar"), failed.getMessage());
        assertEquals(List.of("int a = 1;\n"), engine.executed, "the Java before the magic ran");
    }

    @Test
    void javaLiteralsRoundTrip() {
        String text = "a \"quoted\" \\ path\twith\nlines \u00e9";
        assertEquals(text, InlineMagics.unescape(InlineMagics.javaString(text)));
        assertEquals("A\u0001\u00e9", InlineMagics.unescape("\"\\101\\1\\u00e9\""));
        assertEquals(List.of("lib dir/*.jar", "b\"c", "d"), MagicArgs.split("  \"lib dir/*.jar\" b\\\"c d "));
    }
}
