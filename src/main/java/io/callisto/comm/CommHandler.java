package io.callisto.comm;

/** A listener for one comm's messages from the frontend ({@link Comm#onMessage}, {@link Comm#onClose}). */
@FunctionalInterface
public interface CommHandler {
    /**
     * Called on the executor's comm thread, in the order the messages were sent.
     *
     * @throws Exception shown to the user under the message that caused it; the comm stays open
     */
    void handle(CommMessage message) throws Exception;
}
