package io.callisto.debugger;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/** The cell paths must match JupyterLab's hash.ts exactly; these vectors come from it (seed 3339675911). */
class Murmur2Test {
    private static final long SEED = 3339675911L;

    @Test
    void matchesJupyterLabsVectors() {
        assertEquals(3990065800L, Murmur2.hash("", SEED));
        assertEquals(2167009006L, Murmur2.hash("a", SEED));
        assertEquals(804720481L, Murmur2.hash("abcd", SEED));
        assertEquals(3844570329L, Murmur2.hash("héllo", SEED));
    }

    @Test
    void cellPathsJoinPrefixHashAndSuffix() {
        CellFiles files = new CellFiles(java.nio.file.Path.of("/tmp/callisto_test"));
        assertEquals("/tmp/callisto_test/2167009006.java", files.pathOf("a"));
        assertEquals("a", files.code("/tmp/callisto_test/2167009006.java"));
    }
}
