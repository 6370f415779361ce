package io.callisto.debugger;

import java.nio.charset.StandardCharsets;

/**
 * MurmurHash2 (32-bit, Austin Appleby's, as Gary Court's JavaScript port computes it), over a string's UTF-8
 * bytes. JupyterLab names a cell's source file with it (packages/debugger/src/hash.ts, hashMethod "Murmur2"),
 * so the kernel must compute exactly the same number or no stopped line is highlighted.
 */
final class Murmur2 {
    private static final int M = 0x5bd1e995;

    private Murmur2() {
    }

    /**
     * @param text the cell's code
     * @param seed the seed debugInfo announces as hashSeed (an unsigned 32-bit number)
     * @return the hash as an unsigned 32-bit number, which JupyterLab prints in decimal
     */
    static long hash(String text, long seed) {
        byte[] data = text.getBytes(StandardCharsets.UTF_8);
        int length = data.length;
        int h = (int) seed ^ length;
        int i = 0;
        while (length - i >= 4) {
            int k = (data[i] & 0xff) | (data[i + 1] & 0xff) << 8 | (data[i + 2] & 0xff) << 16 | (data[i + 3] & 0xff) << 24;
            k *= M;
            k ^= k >>> 24;
            k *= M;
            h = h * M ^ k;
            i += 4;
        }
        switch (length - i) {
            case 3:
                h ^= (data[i + 2] & 0xff) << 16;
                // fall through
            case 2:
                h ^= (data[i + 1] & 0xff) << 8;
                // fall through
            case 1:
                h ^= data[i] & 0xff;
                h *= M;
                break;
            default:
                break;
        }
        h ^= h >>> 13;
        h *= M;
        h ^= h >>> 15;
        return h & 0xffffffffL;
    }
}
