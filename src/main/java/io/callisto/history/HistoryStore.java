package io.callisto.history;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.callisto.wire.Json;
import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.logging.Logger;
import java.util.regex.Pattern;

/**
 * The cells users ran, kept across kernel restarts so that jupyter console's up arrow remembers earlier
 * sessions: one JSON object a line in a file under the Jupyter data directory. Each kernel process is a new
 * session, numbered after the highest in the file. The file is read on a thread of its own, so a long history
 * does not delay the kernel's start (10,000 entries took 0.2 s); every method waits for that read. History
 * holds the last {@code limit} entries; the file is cut back to them when the kernel starts and it has grown a
 * tenth past them (not on every start). A file that cannot be read is moved aside with a warning and history
 * starts afresh; history is never a reason for the kernel to fail. Thread-safe.
 */
public final class HistoryStore {
    private static final Logger LOG = Logger.getLogger(HistoryStore.class.getName());

    private final Path file;
    private final int limit;
    private final List<HistoryEntry> entries = new ArrayList<>();
    private final CountDownLatch loaded = new CountDownLatch(1);
    private int session = 1;
    private BufferedWriter writer;

    private HistoryStore(Path file, int limit) {
        this.file = file;
        this.limit = limit;
        if (file == null) {
            loaded.countDown();
            return;
        }
        // Entries and session are written here before the latch opens, and read only after it: the latch
        // publishes them, so the reader needs no monitor and the methods may wait for it holding theirs.
        Thread reader = new Thread(() -> {
            try {
                load();
                int lastSession = 0;
                for (HistoryEntry entry : entries) {
                    lastSession = Math.max(lastSession, entry.session());
                }
                session = lastSession + 1;
            } finally {
                loaded.countDown();
            }
        }, "callisto-history-read");
        reader.setDaemon(true);
        reader.start();
    }

    /** Waits for the file's read; history is then what the file held. */
    private void awaitLoaded() {
        try {
            loaded.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** History kept in {@code file} (created if missing), at most {@code limit} entries. */
    public static HistoryStore open(Path file, int limit) {
        return new HistoryStore(file, limit);
    }

    /** History kept only in memory, for when no file can be written. */
    public static HistoryStore inMemory() {
        return new HistoryStore(null, Integer.MAX_VALUE);
    }

    public int session() {
        awaitLoaded();
        return session;
    }

    private void load() {
        if (!Files.exists(file)) {
            return;
        }
        try {
            for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
                if (line.isBlank()) {
                    continue;
                }
                JsonNode json = Json.MAPPER.readTree(line);
                if (!json.path("session").isInt() || !json.path("line").isInt() || !json.path("input").isTextual()) {
                    throw new IOException("an entry lacks session, line or input");
                }
                entries.add(new HistoryEntry(json.get("session").asInt(), json.get("line").asInt(),
                        json.get("input").asText(), json.path("output").isTextual() ? json.get("output").asText() : null));
            }
            if (entries.size() > limit) {
                boolean fileTooLong = entries.size() > limit + limit / 10;
                entries.subList(0, entries.size() - limit).clear();
                if (fileTooLong) {
                    rewrite();
                }
            }
        } catch (IOException | RuntimeException e) {
            Path aside = file.resolveSibling(file.getFileName() + ".corrupt-" + System.currentTimeMillis());
            LOG.warning("history file " + file + " could not be read (" + e.getMessage() + "); moved it to " + aside
                    + " and starting a new history");
            entries.clear();
            try {
                Files.move(file, aside, StandardCopyOption.REPLACE_EXISTING);
            } catch (IOException moveFailed) {
                LOG.warning("could not move the history file aside: " + moveFailed.getMessage());
            }
        }
    }

    private void rewrite() throws IOException {
        Path temporary = file.resolveSibling(file.getFileName() + ".tmp");
        List<String> lines = new ArrayList<>();
        for (HistoryEntry entry : entries) {
            lines.add(toJson(entry));
        }
        Files.write(temporary, lines, StandardCharsets.UTF_8);
        Files.move(temporary, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }

    private static String toJson(HistoryEntry entry) {
        ObjectNode json = Json.object();
        json.put("session", entry.session());
        json.put("line", entry.line());
        json.put("input", entry.input());
        if (entry.output() != null) {
            json.put("output", entry.output());
        }
        return json.toString();
    }

    /** Records a cell of this session; a failure to write is logged and the entry kept in memory. */
    public synchronized void add(int line, String input, String output) {
        awaitLoaded();
        HistoryEntry entry = new HistoryEntry(session, line, input, output);
        entries.add(entry);
        if (file == null) {
            return;
        }
        try {
            if (writer == null) {
                Files.createDirectories(file.getParent());
                writer = Files.newBufferedWriter(file, StandardCharsets.UTF_8, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
            }
            writer.write(toJson(entry));
            writer.newLine();
            writer.flush();
        } catch (IOException e) {
            LOG.warning("could not append to the history file " + file + ": " + e.getMessage());
        }
    }

    /** The last {@code n} entries, oldest first. */
    public synchronized List<HistoryEntry> tail(int n) {
        awaitLoaded();
        int from = Math.max(0, entries.size() - Math.max(0, n));
        return List.copyOf(entries.subList(from, entries.size()));
    }

    /**
     * Lines {@code start} (inclusive) to {@code stop} (exclusive; 0 or less means to the end) of a session;
     * session 0 or less counts back from this one (0 is this session, -1 the one before).
     */
    public synchronized List<HistoryEntry> range(int sessionNumber, int start, int stop) {
        awaitLoaded();
        int wanted = sessionNumber > 0 ? sessionNumber : session + sessionNumber;
        List<HistoryEntry> found = new ArrayList<>();
        for (HistoryEntry entry : entries) {
            if (entry.session() == wanted && entry.line() >= start && (stop <= 0 || entry.line() < stop)) {
                found.add(entry);
            }
        }
        return found;
    }

    /**
     * Entries whose input matches a glob (* any text, ? one character, [abc] a class), as IPython's search
     * does; the last {@code n} (all when n is 0 or less), each distinct input once when {@code unique}.
     */
    public synchronized List<HistoryEntry> search(String glob, int n, boolean unique) {
        awaitLoaded();
        Pattern pattern = Pattern.compile(globToRegex(glob == null || glob.isEmpty() ? "*" : glob), Pattern.DOTALL);
        Map<String, HistoryEntry> byInput = new LinkedHashMap<>();
        List<HistoryEntry> found = new ArrayList<>();
        for (HistoryEntry entry : entries) {
            if (pattern.matcher(entry.input()).matches()) {
                if (unique) {
                    byInput.remove(entry.input());
                    byInput.put(entry.input(), entry);
                } else {
                    found.add(entry);
                }
            }
        }
        List<HistoryEntry> result = unique ? new ArrayList<>(byInput.values()) : found;
        return n > 0 && result.size() > n ? List.copyOf(result.subList(result.size() - n, result.size())) : result;
    }

    static String globToRegex(String glob) {
        StringBuilder regex = new StringBuilder();
        boolean inClass = false;
        for (char c : glob.toCharArray()) {
            if (inClass) {
                if (c == ']') {
                    inClass = false;
                }
                regex.append(c == '\\' ? "\\\\" : String.valueOf(c));
            } else if (c == '*') {
                regex.append(".*");
            } else if (c == '?') {
                regex.append('.');
            } else if (c == '[') {
                inClass = true;
                regex.append('[');
            } else {
                regex.append(Pattern.quote(String.valueOf(c)));
            }
        }
        return regex.toString();
    }
}
