package io.callisto.history;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class HistoryStoreTest {
    @TempDir
    Path dir;

    private static List<String> inputs(List<HistoryEntry> entries) {
        return entries.stream().map(HistoryEntry::input).collect(Collectors.toList());
    }

    @Test
    void tailRangeAndSearchAnswerLikeIPython() {
        HistoryStore store = HistoryStore.open(dir.resolve("history.jsonl"), 1000);
        store.add(1, "int a = 1;", null);
        store.add(2, "a + 1", "2");
        store.add(3, "a * 10", "10");
        store.add(4, "a + 1", "2");

        assertEquals(List.of("a * 10", "a + 1"), inputs(store.tail(2)));
        assertEquals(List.of("a + 1", "a * 10"), inputs(store.range(0, 2, 4)), "stop is exclusive");
        assertEquals(4, store.range(store.session(), 1, 0).size(), "stop 0 runs to the end");
        assertEquals(List.of("a + 1", "a + 1"), inputs(store.search("a ? 1", 0, false)));
        assertEquals(1, store.search("a ? 1", 0, true).size());
        assertEquals(List.of("a * 10", "a + 1"), inputs(store.search("a*", 2, false)), "the last n matches");
        assertEquals(List.of("int a = 1;", "a * 10", "a + 1"), inputs(store.search("*", 0, true)),
                "unique keeps each input at its latest place");
        assertEquals("10", store.range(0, 3, 4).get(0).output());
        assertNull(store.range(0, 1, 2).get(0).output());
    }

    @Test
    void historySurvivesARestartInANewSession() {
        Path file = dir.resolve("history.jsonl");
        HistoryStore first = HistoryStore.open(file, 1000);
        first.add(1, "String greeting = \"hi\";", null);
        first.add(2, "greeting.length()", "2");

        HistoryStore second = HistoryStore.open(file, 1000);
        assertEquals(first.session() + 1, second.session());
        assertEquals(List.of("String greeting = \"hi\";", "greeting.length()"), inputs(second.tail(10)));
        assertEquals(List.of("greeting.length()"), inputs(second.range(-1, 2, 3)), "session -1 is the one before");
        second.add(1, "greeting", "\"hi\"");
        assertEquals(3, HistoryStore.open(file, 1000).tail(100).size());
    }

    @Test
    void theFileStaysBounded() {
        Path file = dir.resolve("history.jsonl");
        HistoryStore store = HistoryStore.open(file, 5);
        for (int i = 1; i <= 12; i++) {
            store.add(i, "cell " + i, null);
        }
        HistoryStore reopened = HistoryStore.open(file, 5);
        assertEquals(List.of("cell 8", "cell 9", "cell 10", "cell 11", "cell 12"), inputs(reopened.tail(100)));
        assertEquals(5, lines(file), "cut back to the limit");
    }

    @Test
    void theFileIsCutBackOnlyOnceItIsATenthPastTheLimit() {
        Path file = dir.resolve("history.jsonl");
        HistoryStore store = HistoryStore.open(file, 20);
        for (int i = 1; i <= 22; i++) {
            store.add(i, "cell " + i, null);
        }
        assertEquals(20, HistoryStore.open(file, 20).tail(100).size(), "history holds the limit");
        assertEquals(22, lines(file), "22 is not past 20 + a tenth: not rewritten");
        HistoryStore.open(file, 20).add(23, "cell 23", null);
        assertEquals(List.of("cell 4"), inputs(HistoryStore.open(file, 20).tail(20).subList(0, 1)));
        assertEquals(20, lines(file), "23 is: cut back to the limit");
    }

    private static long lines(Path file) {
        try (var lines = Files.lines(file)) {
            return lines.count();
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    @Test
    void aCorruptFileIsSetAsideAndHistoryStartsAfresh() throws Exception {
        Path file = dir.resolve("history.jsonl");
        Files.writeString(file, "{\"session\": 1, \"line\": 1, \"input\": \"ok\"}\nthis is not json\n");
        HistoryStore store = HistoryStore.open(file, 100);
        assertTrue(store.tail(10).isEmpty());
        assertEquals(1, store.session());
        try (var files = Files.list(dir)) {
            assertTrue(files.anyMatch(p -> p.getFileName().toString().startsWith("history.jsonl.corrupt-")));
        }
        store.add(1, "fresh", null);
        assertEquals(List.of("fresh"), inputs(HistoryStore.open(file, 100).tail(10)));
    }

    @Test
    void globsTranslateToRegexes() {
        assertTrue("6 * 7".matches(HistoryStore.globToRegex("6 ? 7")));
        assertTrue("import java.util.*;".matches(HistoryStore.globToRegex("import*")));
        assertTrue("x1".matches(HistoryStore.globToRegex("x[0-9]")));
        assertTrue(!"(a)".matches(HistoryStore.globToRegex("a")));
        assertTrue("a.b".matches(HistoryStore.globToRegex("a.b")) && !"axb".matches(HistoryStore.globToRegex("a.b")));
    }
}
