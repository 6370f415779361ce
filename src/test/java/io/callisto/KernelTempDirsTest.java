package io.callisto;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class KernelTempDirsTest {
    private static final String PREFIX = "callisto-repl-classes-";

    @Test
    void anEndedKernelsDirectoriesAreSweptAndALiveOnesAreLeft(@TempDir Path tmp) throws Exception {
        String endedOwner = endedOwner();
        Path orphan = owned(tmp, "orphan", endedOwner);
        Files.createDirectories(orphan.resolve("executor-1/REPL"));
        Files.writeString(orphan.resolve("executor-1/REPL/$JShell$3.class"), "bytes");
        Path live = owned(tmp, "live", KernelTempDirs.ownerOf(ProcessHandle.current()));
        // This JVM's pid, but another start: the pid was reused by a process that is not the kernel.
        Path reused = owned(tmp, "reused", ProcessHandle.current().pid() + " 2001-01-01T00:00:00Z");
        Path unowned = Files.createDirectory(tmp.resolve(PREFIX + "unowned"));
        Path otherKind = Files.createDirectory(tmp.resolve("ipykernel_callisto_1"));
        Files.writeString(otherKind.resolve(KernelTempDirs.OWNER_FILE), endedOwner);
        Path own = owned(tmp, "own", endedOwner);

        assertEquals(2, KernelTempDirs.deleteOrphans(tmp, PREFIX, own));
        assertFalse(Files.exists(orphan));
        assertFalse(Files.exists(reused));
        assertTrue(Files.exists(live));
        assertTrue(Files.exists(unowned), "no owner file: an older version's, or one being made");
        assertTrue(Files.exists(otherKind), "another prefix");
        assertTrue(Files.exists(own), "this kernel's own");
    }

    @Test
    void claimingMarksTheDirectoryAndSweepsItsSiblings(@TempDir Path tmp) throws Exception {
        Path orphan = owned(tmp, "orphan", endedOwner());
        Path mine = Files.createDirectory(tmp.resolve(PREFIX + "mine"));
        KernelTempDirs.claim(mine, PREFIX);
        assertEquals(KernelTempDirs.ownerOf(ProcessHandle.current()),
                Files.readString(mine.resolve(KernelTempDirs.OWNER_FILE)));
        Awaitility.await().atMost(Duration.ofSeconds(30)).until(() -> !Files.exists(orphan));
        assertTrue(Files.exists(mine));
    }

    /** The owner line of a process that has ended. */
    private static String endedOwner() throws Exception {
        Process ended = new ProcessBuilder("sleep", "60").start();
        String owner = KernelTempDirs.ownerOf(ended.toHandle());
        ended.destroyForcibly();
        assertTrue(ended.waitFor(30, TimeUnit.SECONDS));
        return owner;
    }

    private static Path owned(Path tmp, String name, String owner) throws Exception {
        Path directory = Files.createDirectory(tmp.resolve(PREFIX + name));
        Files.writeString(directory.resolve(KernelTempDirs.OWNER_FILE), owner);
        return directory;
    }
}
