package io.callisto.comm;

import io.callisto.display.DisplayChannel;
import java.io.BufferedInputStream;
import java.io.DataInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.List;
import java.util.Map;

/**
 * The executor's comm thread: reads the frontend's comm messages that the kernel forwards on the comm socket
 * and dispatches each ({@link Comms#dispatch}), then tells the kernel it is done ({@code comm_handled}), after
 * the handler's output, so the kernel's idle for that message comes after everything it caused.
 */
public final class CommDispatcher {
    private CommDispatcher() {
    }

    /** Starts the comm thread on the kernel's comm socket; it ends with the socket. */
    public static void start(InputStream fromKernel) {
        Thread thread = new Thread(() -> serve(fromKernel), "callisto-comms");
        thread.setDaemon(true);
        thread.start();
    }

    private static void serve(InputStream fromKernel) {
        DataInputStream in = new DataInputStream(new BufferedInputStream(fromKernel, 1 << 16));
        while (true) {
            CommWire.Record record;
            try {
                record = CommWire.read(in);
            } catch (IOException e) {
                System.err.println("Callisto: the comm channel from the kernel broke: " + e);
                return;
            }
            if (record == null) {
                return;
            }
            try {
                Comms.dispatch(record);
            } finally {
                DisplayChannel.sendRecord(CommWire.toJson(new CommWire.Record("comm_handled", Map.of(), Map.of(),
                        List.of(), record.parent())));
            }
        }
    }
}
