package io.callisto.wire;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

/**
 * Header dates as jupyter_client parses them: UTC, ISO-8601, exactly six fraction digits.
 * Instant.toString() would print nine digits at times, which clients then keep as a plain string.
 */
public final class Timestamps {
    private static final DateTimeFormatter FORMAT =
            DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSSSSS'Z'").withZone(ZoneOffset.UTC);

    private Timestamps() {
    }

    public static String format(Instant instant) {
        return FORMAT.format(instant);
    }

    public static String now(Clock clock) {
        return format(clock.instant());
    }
}
