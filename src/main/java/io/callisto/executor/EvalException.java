package io.callisto.executor;

/**
 * Why IJava's {@code eval} or a magic called from a cell failed without an exception of the cell's own: code
 * that does not compile or is unfinished, a magic that is unknown or fails.
 */
public final class EvalException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    /** @param message what went wrong, for the notebook */
    public EvalException(String message) {
        super(message);
    }
}
