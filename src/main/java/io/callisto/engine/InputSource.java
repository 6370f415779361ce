package io.callisto.engine;

import java.io.IOException;

/** Where a cell's reads of System.in are answered: the kernel asks the Jupyter client. */
public interface InputSource {
    /**
     * Asks for one line of input.
     *
     * @return the line without its end, or null for end of input
     * @throws java.io.InterruptedIOException when the cell is interrupted while waiting
     * @throws IOException when no input can be had; the message says why
     */
    String readLine(String prompt, boolean password) throws IOException;
}
