package io.callisto.magics;

/** A magic that cannot do what was asked; the message tells the user why. */
public final class MagicException extends Exception {
    public MagicException(String message) {
        super(message);
    }
}
