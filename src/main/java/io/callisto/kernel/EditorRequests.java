package io.callisto.kernel;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.callisto.engine.Engine;
import io.callisto.history.HistoryEntry;
import io.callisto.history.HistoryStore;
import io.callisto.protocol.Replies;
import io.callisto.protocol.Requests;
import io.callisto.wire.Json;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/**
 * The requests an editor sends while the user types: complete_request, inspect_request, is_complete_request
 * and history_request (messaging spec, "Completion", "Introspection", "Code completeness", "History"). Each is
 * answered from the engine or the history store; cursor positions on the wire count Unicode code points,
 * the engine's count UTF-16 units ({@link CodePoints}).
 */
final class EditorRequests {
    private final Outbound outbound;
    private final Supplier<Engine> engine;
    private final HistoryStore history;

    EditorRequests(Outbound outbound, Supplier<Engine> engine, HistoryStore history) {
        this.outbound = outbound;
        this.engine = engine;
        this.history = history;
    }

    void complete(Request request) {
        Requests.CompleteRequest complete = Json.fromObject(request.message().content(), Requests.CompleteRequest.class);
        String code = complete.code() == null ? "" : complete.code();
        int cursor = CodePoints.toUtf16(code, complete.cursorPos() == null ? code.codePointCount(0, code.length()) : complete.cursorPos());
        Engine.Completion completion = engine.get().complete(code, cursor);
        int start = CodePoints.fromUtf16(code, completion.start());
        int end = CodePoints.fromUtf16(code, completion.end());
        List<String> matches = completion.matches().stream().map(Engine.Match::text).toList();
        // JupyterLab shows each match's kind from this list, aligned with matches (as ipykernel sends it).
        List<Map<String, Object>> typed = new java.util.ArrayList<>();
        for (Engine.Match match : completion.matches()) {
            Map<String, Object> item = new LinkedHashMap<>();
            item.put("start", start);
            item.put("end", end);
            item.put("text", match.text());
            item.put("type", match.type());
            item.put("signature", match.signature() == null ? "" : match.signature());
            typed.add(item);
        }
        outbound.reply(request, "complete_reply", new Replies.CompleteReply("ok", matches, start, end,
                Map.of("_jupyter_types_experimental", typed)), null);
    }

    void inspect(Request request) {
        Requests.InspectRequest inspect = Json.fromObject(request.message().content(), Requests.InspectRequest.class);
        String code = inspect.code() == null ? "" : inspect.code();
        int cursor = CodePoints.toUtf16(code, inspect.cursorPos() == null ? code.codePointCount(0, code.length()) : inspect.cursorPos());
        Engine.Inspection inspection = engine.get().inspect(code, cursor, inspect.detailLevel() == null ? 0 : inspect.detailLevel());
        Map<String, Object> data = inspection.found()
                ? Map.of("text/plain", inspection.text(), "text/markdown", inspection.markdown()) : Map.of();
        outbound.reply(request, "inspect_reply", new Replies.InspectReply("ok", inspection.found(), data, Map.of()), null);
    }

    void isComplete(Request request) {
        Requests.IsCompleteRequest check = Json.fromObject(request.message().content(), Requests.IsCompleteRequest.class);
        Engine.Completeness completeness = engine.get().isComplete(check.code() == null ? "" : check.code());
        outbound.reply(request, "is_complete_reply", new Replies.IsCompleteReply(completeness.status(), completeness.indent()), null);
    }

    void history(Request request) {
        Requests.HistoryRequest query = Json.fromObject(request.message().content(), Requests.HistoryRequest.class);
        int n = query.n() == null ? 10 : query.n();
        List<HistoryEntry> entries = switch (query.histAccessType() == null ? "tail" : query.histAccessType()) {
            case "range" -> history.range(query.session() == null ? 0 : query.session(),
                    query.start() == null ? 0 : query.start(), query.stop() == null ? 0 : query.stop());
            case "search" -> history.search(query.pattern(), n, Boolean.TRUE.equals(query.unique()));
            default -> history.tail(n);
        };
        boolean withOutput = Boolean.TRUE.equals(query.output());
        ObjectNode content = Json.object();
        content.put("status", "ok");
        var list = content.putArray("history");
        for (HistoryEntry entry : entries) {
            var row = list.addArray().add(entry.session()).add(entry.line());
            if (withOutput) {
                row.addArray().add(entry.input()).add(entry.output());
            } else {
                row.add(entry.input());
            }
        }
        outbound.reply(request, "history_reply", content, null);
    }
}
