package io.callisto.widgets;

import io.callisto.comm.Comm;
import io.callisto.comm.CommMessage;
import io.callisto.comm.Comms;
import io.callisto.display.DisplayChannel;
import io.callisto.display.MimeBundle;
import io.callisto.display.Renderer;
import io.callisto.display.Renderers;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * The session-wide parts of the library, installed when the first widget class loads: the renderer that
 * displays widgets, the {@code jupyter.widget.control} comm target, and each cell's listener area.
 */
final class WidgetRuntime {
    /** The widget-view MIME type (ipywidgets' _repr_mimebundle_). */
    static final String VIEW_MIME = "application/vnd.jupyter.widget-view+json";
    /** The control comm's target and its protocol version (messages.md, "Control protocol"). */
    static final String CONTROL_TARGET = "jupyter.widget.control";
    static final String CONTROL_VERSION = "1.0.0";

    /** Where a cell's listener area is shown; tests replace it. */
    static volatile Consumer<Map<String, Object>> afterCell = DisplayChannel::sendAfterCell;

    private static boolean installed;
    private static String listenerCell;
    private static Output listenerArea;

    private WidgetRuntime() {
    }

    static synchronized void install() {
        if (installed) {
            return;
        }
        installed = true;
        Renderers.register(new WidgetRenderer());
        Comms.registerTarget(CONTROL_TARGET, (comm, open) -> comm.onMessage(message -> control(comm, message)));
    }

    /** {@code request_states} → {@code update_states} with every open widget, so a reloaded page gets them back. */
    private static void control(Comm comm, CommMessage message) {
        Object method = message.data().get("method");
        if (!"request_states".equals(method)) {
            System.err.println("Callisto widgets: unknown control message method " + method);
            return;
        }
        Map<String, Object> states = new LinkedHashMap<>();
        for (Widget<?> widget : Widget.openWidgets()) {
            Map<String, Object> entry = new LinkedHashMap<>();
            entry.put("model_name", widget.get("_model_name"));
            entry.put("model_module", widget.get("_model_module"));
            entry.put("model_module_version", widget.get("_model_module_version"));
            entry.put("state", widget.state());
            states.put(widget.id(), entry);
        }
        WireState wire = WireState.of(states);
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("method", "update_states");
        data.put("states", wire.state());
        data.put("buffer_paths", wire.bufferPaths());
        comm.send(data, Map.of("version", CONTROL_VERSION), wire.buffers());
    }

    /** The display_data content that shows a widget. */
    static Map<String, Object> bundle(Widget<?> widget) {
        Map<String, Object> view = new LinkedHashMap<>();
        view.put("model_id", widget.id());
        view.put("version_major", 2);
        view.put("version_minor", 0);
        Map<String, Object> data = new LinkedHashMap<>();
        data.put(VIEW_MIME, view);
        data.put("text/plain", widget.toString());
        return data;
    }

    /**
     * On a cell's thread, while it displays a widget: gives the cell its listener area (an Output shown at the
     * end of the cell's output, made at its first widget) and attaches it to the widget, so what the widget's
     * listeners print on the comm thread appears under this cell.
     */
    static synchronized void displayedInCell(Widget<?> widget) {
        String cell = Comms.cellMsgId();
        if (cell == null || Comms.parentMsgId() != null || widget instanceof Output && widget == listenerArea) {
            return;
        }
        if (!cell.equals(listenerCell)) {
            Output area = new Output();
            Map<String, Object> content = new LinkedHashMap<>();
            Map<String, Object> data = bundle(area);
            // Text frontends (the console, nbconvert) have nothing to show for it until a listener prints.
            data.put("text/plain", "");
            content.put("data", data);
            content.put("metadata", Map.of());
            content.put("transient", Map.of());
            try {
                afterCell.accept(content);
            } catch (IllegalStateException e) {
                return;  // outside a Callisto executor: nowhere to show it
            }
            listenerCell = cell;
            listenerArea = area;
        }
        widget.attachListenerOutput(listenerArea);
    }

    /** Shows any widget with a view; its model opens first. */
    static final class WidgetRenderer implements Renderer {
        @Override
        public boolean accepts(Object value) {
            return value instanceof Widget<?> widget && widget.viewName() != null;
        }

        @Override
        public MimeBundle render(Object value) {
            Widget<?> widget = (Widget<?>) value;
            Map<String, Object> data = bundle(widget);
            displayedInCell(widget);
            return new MimeBundle(data, Map.of());
        }

        @Override
        public int priority() {
            return 10;
        }
    }

}
