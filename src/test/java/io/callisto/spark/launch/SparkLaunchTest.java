package io.callisto.spark.launch;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

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

    @Test
    void aKilledKernelsClassesAreSweptAndALiveOnesAreLeft(@TempDir Path tmp) throws Exception {
        Process ended = new ProcessBuilder("sleep", "60").start();
        String endedOwner = SparkLaunch.ownerOf(ended.toHandle());
        ended.destroyForcibly();
        assertTrue(ended.waitFor(30, TimeUnit.SECONDS));
        Path orphan = root(tmp, "orphan", endedOwner);
        Files.createDirectories(orphan.resolve("executor-1/REPL"));
        Files.writeString(orphan.resolve("executor-1/REPL/$JShell$3.class"), "bytes");
        Path live = root(tmp, "live", SparkLaunch.ownerOf(ProcessHandle.current()));
        // This JVM's pid, but another start: the pid was reused by a process that is not the kernel.
        Path reused = root(tmp, "reused", ProcessHandle.current().pid() + " 2001-01-01T00:00:00Z");
        Path unowned = Files.createDirectory(tmp.resolve("callisto-repl-classes-unowned"));
        Path own = root(tmp, "own", endedOwner);

        assertEquals(2, SparkLaunch.deleteOrphans(tmp, own));
        assertFalse(Files.exists(orphan));
        assertFalse(Files.exists(reused));
        assertTrue(Files.exists(live));
        assertTrue(Files.exists(unowned), "no owner file: an older version's, or one being made");
        assertTrue(Files.exists(own), "this kernel's own root");
    }

    private static Path root(Path tmp, String name, String owner) throws Exception {
        Path root = Files.createDirectory(tmp.resolve("callisto-repl-classes-" + name));
        Files.writeString(root.resolve(SparkLaunch.OWNER_FILE), owner);
        return root;
    }
}
