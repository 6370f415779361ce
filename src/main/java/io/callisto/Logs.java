package io.callisto;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.LocalTime;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import java.util.logging.ConsoleHandler;
import java.util.logging.Formatter;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogManager;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

/**
 * Logging to stderr, where Jupyter shows a kernel's log, one line a record. The level comes from
 * CALLISTO_LOG_LEVEL: error, warning (the default), info, debug or trace.
 */
public final class Logs {
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HH:mm:ss.SSS");

    private Logs() {
    }

    public static void configure(String levelName) {
        Level level = parse(levelName);
        LogManager.getLogManager().reset();
        Handler handler = new ConsoleHandler();
        handler.setLevel(level);
        handler.setFormatter(new Formatter() {
            @Override
            public String format(LogRecord record) {
                String name = record.getLoggerName() == null ? "" : record.getLoggerName();
                String line = "[Callisto " + LocalTime.now().format(TIME) + " " + record.getLevel().getName() + " "
                        + name.substring(name.lastIndexOf('.') + 1) + "] " + formatMessage(record) + System.lineSeparator();
                if (record.getThrown() != null) {
                    StringWriter trace = new StringWriter();
                    record.getThrown().printStackTrace(new PrintWriter(trace));
                    line += trace;
                }
                return line;
            }
        });
        Logger root = Logger.getLogger("");
        root.addHandler(handler);
        root.setLevel(Level.WARNING);
        Logger.getLogger("io.callisto").setLevel(level);
    }

    static Level parse(String name) {
        if (name == null || name.isBlank()) {
            return Level.WARNING;
        }
        return switch (name.strip().toLowerCase(Locale.ROOT)) {
            case "error", "severe" -> Level.SEVERE;
            case "warn", "warning" -> Level.WARNING;
            case "debug", "fine" -> Level.FINE;
            case "trace", "finest", "all" -> Level.FINEST;
            default -> Level.INFO;
        };
    }
}
