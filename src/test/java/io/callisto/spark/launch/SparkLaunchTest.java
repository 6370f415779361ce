package io.callisto.spark.launch;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

class SparkLaunchTest {
    private static final Path CLASSES = Path.of("/tmp/callisto-test-classes");

    @Test
    void jdk17GetsSparksWholeSetAndNoFlagItDoesNotKnow() {
        List<String> options = SparkLaunch.executorOptions(17, CLASSES);
        assertTrue(options.contains("--add-opens=java.base/sun.nio.ch=ALL-UNNAMED"), options::toString);
        assertTrue(options.contains("--add-opens=java.base/sun.security.action=ALL-UNNAMED"), options::toString);
        assertFalse(options.contains("--sun-misc-unsafe-memory-access=allow"), options::toString);
        assertTrue(options.contains("-Dcallisto.replClassDir=" + CLASSES), options::toString);
    }

    @Test
    void jdk25LeavesOutTheRemovedPackageAndAllowsWhatItWouldWarnAbout() {
        List<String> options = SparkLaunch.executorOptions(25, CLASSES);
        assertFalse(options.stream().anyMatch(o -> o.contains("sun.security.action")), options::toString);
        assertTrue(options.contains("--sun-misc-unsafe-memory-access=allow"), options::toString);
        assertTrue(options.contains("--enable-native-access=ALL-UNNAMED"), options::toString);
    }
}
