package io.callisto.history;

/**
 * One executed cell as history_request returns it: session number, line (the execution count), the input
 * and, when the cell had one, its result as text/plain.
 */
public record HistoryEntry(int session, int line, String input, String output) {
}
