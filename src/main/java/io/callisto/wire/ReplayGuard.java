package io.callisto.wire;

import java.nio.ByteBuffer;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.Set;

/**
 * Remembers the signatures of accepted messages so that a replayed message is refused, as jupyter_client's
 * Session does. Bounded: when full, the oldest tenth is forgotten.
 */
public final class ReplayGuard {
    private final int capacity;
    private final Set<ByteBuffer> seen = new LinkedHashSet<>();

    public ReplayGuard(int capacity) {
        this.capacity = capacity;
    }

    /** Records the signature; false if it was seen before. */
    public synchronized boolean firstSighting(byte[] signature) {
        ByteBuffer key = ByteBuffer.wrap(signature.clone());
        if (!seen.add(key)) {
            return false;
        }
        if (seen.size() > capacity) {
            int toForget = Math.max(1, capacity / 10);
            Iterator<ByteBuffer> oldest = seen.iterator();
            for (int i = 0; i < toForget && oldest.hasNext(); i++) {
                oldest.next();
                oldest.remove();
            }
        }
        return true;
    }

    public synchronized int size() {
        return seen.size();
    }
}
