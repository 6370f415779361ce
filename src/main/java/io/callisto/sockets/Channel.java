package io.callisto.sockets;

/** The kernel's message channels; the heartbeat is served apart and carries no messages. */
public enum Channel {
    SHELL, CONTROL, STDIN, IOPUB
}
