package io.callisto.widgets;

import io.callisto.comm.Comms;
import io.callisto.display.MimeBundle;
import io.callisto.display.Renderers;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * An area that shows output (ipywidgets' {@code Output}, {@code OutputModel} of {@code @jupyter-widgets/output}
 * "1.0.0"). {@link #capture} makes the frontend put there what code prints; the {@code append…} methods add
 * outputs directly.
 */
public final class Output extends DOMWidget<Output> {
    private final Object appendLock = new Object();

    public Output() {
        super(new Model("OutputModel", Model.OUTPUT, Model.OUTPUT_VERSION, "OutputView", Model.OUTPUT, Model.OUTPUT_VERSION));
        trait("msg_id", Kind.STRING, "");
        trait("outputs", Kind.ANY, List.of());
    }

    /**
     * Runs {@code code} with its output going to this area, as ipywidgets' {@code with out:} does: sets
     * {@code msg_id} to the message the output is parented to (the frontend message whose handler runs on this
     * thread, else the running cell's execute_request), so the frontend captures that message's output here;
     * then flushes System.out and System.err and sets {@code msg_id} back.
     *
     * @return this area
     * @throws RuntimeException what {@code code} throws, after {@code msg_id} is set back
     */
    public Output capture(Runnable code) {
        String parent = Comms.parentMsgId() != null ? Comms.parentMsgId() : Comms.cellMsgId();
        String previous = msgId();
        // The model must exist in the frontend before the output does, or the frontend has nothing to capture
        // with: an area captured into before it is shown opens its comm now, as ipywidgets' Output() does.
        id();
        set("msg_id", parent == null ? "" : parent);
        try {
            code.run();
        } finally {
            System.out.flush();
            System.err.flush();
            set("msg_id", previous);
        }
        return this;
    }

    /** The msg_id whose output the frontend captures here now; "" when none. */
    public String msgId() {
        return (String) get("msg_id");
    }

    /** The outputs shown, as nbformat output dicts ({@code output_type}, …). */
    @SuppressWarnings("unchecked")
    public List<Map<String, Object>> outputs() {
        return (List<Map<String, Object>>) get("outputs");
    }

    /** Replaces the outputs shown (nbformat output dicts). */
    public Output outputs(List<? extends Map<String, ?>> outputs) {
        return set("outputs", List.copyOf(outputs));
    }

    /** Removes every output (sets {@code outputs} to []). */
    public Output clear() {
        return set("outputs", List.of());
    }

    /** Adds text as a stdout stream output. */
    public Output appendStdout(String text) {
        return append(stream("stdout", text));
    }

    /** Adds text as a stderr stream output. */
    public Output appendStderr(String text) {
        return append(stream("stderr", text));
    }

    /** Adds a value as a display_data output, rendered as {@code display(value)} would render it. */
    public Output appendDisplayData(Object value) {
        MimeBundle bundle = Renderers.render(value);
        Map<String, Object> output = new LinkedHashMap<>();
        output.put("output_type", "display_data");
        output.put("data", bundle.data());
        output.put("metadata", bundle.metadata());
        return append(output);
    }

    private static Map<String, Object> stream(String name, String text) {
        Map<String, Object> output = new LinkedHashMap<>();
        output.put("output_type", "stream");
        output.put("name", name);
        output.put("text", text);
        return output;
    }

    private Output append(Map<String, Object> output) {
        // A lock of its own: set() runs listeners, which must not run under the widget's monitor.
        synchronized (appendLock) {
            List<Map<String, Object>> all = new ArrayList<>(outputs());
            all.add(output);
            return set("outputs", List.copyOf(all));
        }
    }
}
