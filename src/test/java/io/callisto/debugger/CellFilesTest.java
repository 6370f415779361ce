package io.callisto.debugger;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.callisto.KernelTempDirs;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CellFilesTest {
    @Test
    void dumpingACellWritesItAndMarksTheDirectoryAsThisKernels(@TempDir Path tmp) throws Exception {
        CellFiles files = new CellFiles(tmp.resolve("ipykernel_callisto_test"));
        String path = files.dump("int x = 1;");
        assertEquals("int x = 1;", Files.readString(Path.of(path)));
        assertEquals(path, files.pathOf("int x = 1;"));
        // The kernel halts, so nothing deletes the directory on exit: a later kernel goes by this file.
        assertEquals(KernelTempDirs.ownerOf(ProcessHandle.current()),
                Files.readString(tmp.resolve("ipykernel_callisto_test").resolve(KernelTempDirs.OWNER_FILE)));
    }
}
