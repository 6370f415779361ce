package io.callisto.widgets;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.callisto.comm.Comms;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class InteractTest {
    @RegisterExtension
    final Recorder recorder = new Recorder();

    @Test
    void interactRecomputesUnderTheControlOnEachChange() {
        Comms.cellStarted("cell-3");
        IntSlider slider = new IntSlider().value(2);
        Interactive<Integer> shown = Widgets.interact(x -> x * 10, slider);
        assertEquals(20, shown.result());
        assertEquals(List.of(slider, shown.output()), shown.children());
        assertEquals("VBoxModel", recorder.openOf(shown.id()).state().get("_model_name"));
        String outputId = shown.output().id();
        // The frontend syncs back what it captured.
        Recorder.frontend(outputId, Map.of("method", "update", "state", Map.of("outputs",
                List.of(Map.of("output_type", "stream", "name", "stdout", "text", "20\n"))), "buffer_paths", List.of()), "sync");
        recorder.clear();

        Recorder.frontend(slider.id(), Map.of("method", "update", "state", Map.of("value", 5), "buffer_paths", List.of()), "drag-5");

        assertEquals(50, shown.result());
        List<Map<String, Object>> states = recorder.messagesOn(outputId).stream().map(Recorder.Sent::state).toList();
        assertEquals(List.of(Map.of("outputs", List.of()), Map.of("msg_id", "drag-5"), Map.of("msg_id", "")), states,
                "cleared, then the result printed under the frontend's message while captured");
    }

    @Test
    void aRichResultIsAddedAsDisplayData() {
        IntSlider a = new IntSlider().value(1);
        Dropdown<String> b = new Dropdown<>(List.of("x", "y"));
        Interactive<Object> shown = Widgets.interact((n, s) -> io.callisto.notebook.Notebook.html(s.repeat(n)), a, b);
        a.value(3);
        assertEquals(List.of(Map.of("output_type", "display_data", "data", Map.of("text/html", "xxx", "text/plain", "xxx"),
                "metadata", Map.of())), shown.output().outputs());
        b.value("y");
        assertEquals("yyy", ((io.callisto.display.MimeBundle) shown.result()).data().get("text/html"));
    }
}
