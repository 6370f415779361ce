package io.callisto.protocol;

import java.util.List;
import java.util.Map;

/**
 * The content of the replies and IOPub messages the kernel sends, named after their msg_type.
 * See https://jupyter-client.readthedocs.io/en/latest/messaging.html
 */
public final class Replies {
    private Replies() {
    }

    /** kernel_info_reply. */
    public record KernelInfoReply(
            String status,
            String protocolVersion,
            String implementation,
            String implementationVersion,
            LanguageInfo languageInfo,
            String banner,
            List<HelpLink> helpLinks,
            boolean debugger,
            List<String> supportedFeatures) {
    }

    public record LanguageInfo(
            String name,
            String version,
            String mimetype,
            String fileExtension,
            String pygmentsLexer,
            String codemirrorMode,
            String nbconvertExporter) {
    }

    public record HelpLink(String text, String url) {
    }

    /** execute_reply with status ok. */
    public record ExecuteOk(String status, int executionCount, List<Object> payload, Map<String, Object> userExpressions) {
        public ExecuteOk(int executionCount, Map<String, Object> userExpressions) {
            this("ok", executionCount, List.of(), userExpressions);
        }
    }

    /** execute_reply with status error, and the IOPub error message (which has no status or count). */
    public record ExecuteError(String status, Integer executionCount, String ename, String evalue, List<String> traceback) {
    }

    /** execute_reply for a request aborted after an earlier failure. */
    public record ExecuteAborted(String status, int executionCount) {
        public ExecuteAborted(int executionCount) {
            this("aborted", executionCount);
        }
    }

    /** execute_reply's metadata as ipykernel sends it; JupyterLab's recordTiming reads {@code started}. */
    public record ExecuteReplyMetadata(String started, boolean dependenciesMet, String engine, String status) {
        public ExecuteReplyMetadata(String started, String engine, String status) {
            this(started, true, engine, status);
        }
    }

    /** execute_input on IOPub. */
    public record ExecuteInput(String code, int executionCount) {
    }

    /** execute_result on IOPub. */
    public record ExecuteResult(int executionCount, Map<String, Object> data, Map<String, Object> metadata) {
    }

    /** stream on IOPub. */
    public record Stream(String name, String text) {
    }

    /** status on IOPub. */
    public record Status(String executionState) {
    }

    /** complete_reply: cursor positions in Unicode code points. */
    public record CompleteReply(String status, List<String> matches, int cursorStart, int cursorEnd, Map<String, Object> metadata) {
    }

    /** inspect_reply. */
    public record InspectReply(String status, boolean found, Map<String, Object> data, Map<String, Object> metadata) {
    }

    /** is_complete_reply: indent only when incomplete. */
    public record IsCompleteReply(String status, String indent) {
    }

    /** shutdown_reply. */
    public record ShutdownReply(String status, boolean restart) {
    }

    /** interrupt_reply. */
    public record InterruptReply(String status) {
    }

    /** input_request on the stdin channel. */
    public record InputRequest(String prompt, boolean password) {
    }

    /** A reply's error status for a request that failed inside the kernel. */
    public record ErrorReply(String status, String ename, String evalue, List<String> traceback) {
        public ErrorReply(String ename, String evalue) {
            this("error", ename, evalue, List.of());
        }
    }
}
