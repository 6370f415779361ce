package io.callisto.comm;

/** What runs when the frontend opens a comm with a registered target name ({@link Comms#registerTarget}). */
@FunctionalInterface
public interface CommTarget {
    /**
     * Called on the executor's comm thread, never a cell's, when the frontend's {@code comm_open} arrives.
     *
     * @param comm the new comm, open; attach {@link Comm#onMessage} here
     * @param open the comm_open's data, metadata and buffers
     * @throws Exception shown to the user under the comm_open; the comm stays open
     */
    void opened(Comm comm, CommMessage open) throws Exception;
}
