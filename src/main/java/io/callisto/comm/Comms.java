package io.callisto.comm;

import io.callisto.display.DisplayChannel;
import io.callisto.display.OutputParent;
import java.io.PrintStream;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The notebook's comms: the targets the frontend may open comms to, the comms open now, and the dispatch of
 * the frontend's {@code comm_open}, {@code comm_msg} and {@code comm_close} to them. The frontend's messages
 * are handled on the executor's comm thread ({@code callisto-comms}), one at a time, never on the thread
 * running a cell, so a handler runs while a cell does. What a handler prints goes under the frontend's
 * message (as ipykernel does); {@link #parentMsgId} names it.
 */
public final class Comms {
    private static final Map<String, CommTarget> TARGETS = new ConcurrentHashMap<>();
    private static final Map<String, Comm> OPEN = new ConcurrentHashMap<>();
    private static final CommTransport TO_KERNEL = (msgType, content, metadata, buffers) ->
            DisplayChannel.sendRecord(CommWire.toJson(new CommWire.Record(msgType, content, metadata, buffers, OutputParent.get())));
    private static volatile CommTransport transport = TO_KERNEL;
    private static volatile String cellMsgId;

    private Comms() {
    }

    /**
     * Registers what runs when the frontend opens a comm to {@code targetName}; replaces an earlier one.
     * Without a registered target, the frontend's comm_open is answered with a comm_close, as the spec says.
     */
    public static void registerTarget(String targetName, CommTarget target) {
        TARGETS.put(targetName, target);
    }

    /** Forgets a target; comms already open to it stay open. */
    public static void unregisterTarget(String targetName) {
        TARGETS.remove(targetName);
    }

    /** Whether a target of this name is registered. */
    public static boolean hasTarget(String targetName) {
        return TARGETS.containsKey(targetName);
    }

    /** The open comm with this comm_id, if any. */
    public static Optional<Comm> find(String commId) {
        return Optional.ofNullable(OPEN.get(commId));
    }

    /**
     * The msg_id of the frontend message whose handler this thread runs (or a thread it started), else null:
     * output printed here is parented to it, and an ipywidgets Output widget captures by it.
     */
    public static String parentMsgId() {
        return OutputParent.get();
    }

    /**
     * The msg_id of the execute_request whose cell runs now (or ran last), or null before the first: the
     * parent of what a cell prints, which an ipywidgets Output widget captures by.
     */
    public static String cellMsgId() {
        return cellMsgId;
    }

    /** Called by the executor before each cell with the msg_id of its execute_request. */
    public static void cellStarted(String msgId) {
        cellMsgId = msgId;
    }

    /** Sends comm messages made in this JVM to {@code replacement} (a test's recorder); null restores the kernel. */
    public static void useTransport(CommTransport replacement) {
        transport = replacement == null ? TO_KERNEL : replacement;
    }

    static CommTransport transport() {
        return transport;
    }

    static void opened(Comm comm) {
        OPEN.put(comm.id(), comm);
    }

    static void closed(Comm comm) {
        OPEN.remove(comm.id(), comm);
    }

    /**
     * Runs one message from the frontend against the open comms and registered targets, on the calling thread
     * (the comm thread, or a test's). What a handler throws is printed to System.err, which goes under the
     * message; it is never lost and never ends the dispatch.
     *
     * @param record a comm_open, comm_msg or comm_close, with the frontend message's msg_id as its parent
     */
    public static void dispatch(CommWire.Record record) {
        String previous = OutputParent.get();
        OutputParent.set(record.parent());
        try {
            dispatchUnderParent(record);
        } finally {
            System.out.flush();
            System.err.flush();
            OutputParent.set(previous);
        }
    }

    private static void dispatchUnderParent(CommWire.Record record) {
        Map<String, Object> content = record.content();
        String commId = String.valueOf(content.get("comm_id"));
        @SuppressWarnings("unchecked")
        Map<String, Object> data = content.get("data") instanceof Map<?, ?> map ? (Map<String, Object>) map : Map.of();
        CommMessage message = new CommMessage(data, record.metadata(), record.buffers(), record.parent());
        String what = record.msgType();
        Comm comm = null;
        try {
            switch (what) {
                case "comm_open" -> {
                    String targetName = String.valueOf(content.get("target_name"));
                    CommTarget target = TARGETS.get(targetName);
                    comm = new Comm(commId, targetName);
                    if (target == null) {
                        // The spec: a comm to a target nobody registered is closed at once.
                        comm.close();
                        return;
                    }
                    opened(comm);
                    target.opened(comm, message);
                }
                case "comm_msg" -> {
                    comm = OPEN.get(commId);
                    if (comm != null) {
                        comm.received(message);
                    }
                }
                case "comm_close" -> {
                    comm = OPEN.remove(commId);
                    if (comm != null) {
                        comm.closedByFrontend(message);
                    }
                }
                default -> System.err.println("Callisto: a comm record of unknown type " + what);
            }
        } catch (Exception | LinkageError | AssertionError e) {
            report(comm, what, e);
        }
    }

    private static void report(Comm comm, String what, Throwable thrown) {
        PrintStream err = System.err;
        err.println("Callisto: the " + (what.equals("comm_open") ? "target" : "handler") + " of "
                + (comm == null ? "a comm" : comm) + " threw " + thrown + " handling a " + what + ":");
        for (StackTraceElement frame : thrown.getStackTrace()) {
            if (frame.getClassName().startsWith("io.callisto.comm.")) {
                break;  // Callisto's dispatch: not the user's code
            }
            err.println("\tat " + frame);
        }
        err.flush();
    }

    /** Every comm open now, for the kernel's restart and tests. */
    static List<Comm> openComms() {
        return List.copyOf(OPEN.values());
    }
}
