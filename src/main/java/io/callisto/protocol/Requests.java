package io.callisto.protocol;

import java.util.Map;

/**
 * The content of the requests the kernel reads, named after their msg_type.
 * See https://jupyter-client.readthedocs.io/en/latest/messaging.html
 * Optional fields may be missing; the accessors with defaults say what ipykernel assumes then.
 */
public final class Requests {
    private Requests() {
    }

    /** execute_request. */
    public record ExecuteRequest(
            String code,
            Boolean silent,
            Boolean storeHistory,
            Map<String, String> userExpressions,
            Boolean allowStdin,
            Boolean stopOnError) {

        public String source() {
            return code == null ? "" : code;
        }

        public boolean isSilent() {
            return Boolean.TRUE.equals(silent);
        }

        public boolean storesHistory() {
            return storeHistory == null ? !isSilent() : storeHistory && !isSilent();
        }

        public boolean stdinAllowed() {
            return Boolean.TRUE.equals(allowStdin);
        }

        public boolean stopsOnError() {
            return stopOnError == null || stopOnError;
        }
    }

    /** complete_request: cursor_pos counts Unicode code points. */
    public record CompleteRequest(String code, Integer cursorPos) {
    }

    /** inspect_request. */
    public record InspectRequest(String code, Integer cursorPos, Integer detailLevel) {
    }

    /** is_complete_request. */
    public record IsCompleteRequest(String code) {
    }

    /** shutdown_request. */
    public record ShutdownRequest(Boolean restart) {
        public boolean restarts() {
            return Boolean.TRUE.equals(restart);
        }
    }

    /** history_request; which fields matter depends on hist_access_type (range, tail or search). */
    public record HistoryRequest(
            Boolean output,
            Boolean raw,
            String histAccessType,
            Integer session,
            Integer start,
            Integer stop,
            Integer n,
            String pattern,
            Boolean unique) {
    }

    /** input_reply, on the stdin channel. */
    public record InputReply(String value) {
    }
}
