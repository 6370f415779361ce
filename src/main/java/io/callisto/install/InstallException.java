package io.callisto.install;

import java.io.IOException;

/** An install that cannot go on, with a message for the user that says what to do. */
final class InstallException extends IOException {
    InstallException(String message) {
        super(message);
    }
}
