package io.callisto.wire;

/** A received message that must be dropped: too few frames, bad signature, invalid JSON, missing header field. */
public final class MalformedMessageException extends Exception {
    public MalformedMessageException(String reason) {
        super(reason);
    }
}
