package io.callisto.display;

/**
 * The frontend message that what this thread prints and displays answers, by msg_id: set on the executor's
 * comm thread while a handler runs (the comm message) and on a subshell's thread while its cell runs (the
 * execute_request); null on the parent shell's cell thread, whose output belongs to the running cell.
 * Inherited, so threads started there print under the same message. The kernel publishes such output under
 * the message it remembers by that msg_id.
 */
public final class OutputParent {
    private static final InheritableThreadLocal<String> PARENT = new InheritableThreadLocal<>();

    private OutputParent() {
    }

    /** This thread's parent msg_id, or null. */
    public static String get() {
        return PARENT.get();
    }

    /** Sets (or, with null, clears) this thread's parent msg_id. */
    public static void set(String msgId) {
        if (msgId == null) {
            PARENT.remove();
        } else {
            PARENT.set(msgId);
        }
    }
}
