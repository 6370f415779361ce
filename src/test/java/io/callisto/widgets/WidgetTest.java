package io.callisto.widgets;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class WidgetTest {
    @RegisterExtension
    final Recorder recorder = new Recorder();

    @Test
    void commOpenCarriesTheFullStateWithLayoutAndStyleOpenedFirst() {
        IntSlider slider = new IntSlider().max(10).description("n");
        assertTrue(recorder.all().isEmpty(), "nothing is sent before the widget is needed");
        String id = slider.id();

        List<Recorder.Sent> sent = recorder.all();
        assertEquals(3, sent.size());
        Recorder.Sent layout = sent.get(0);
        Recorder.Sent style = sent.get(1);
        Recorder.Sent open = sent.get(2);
        assertEquals("comm_open", open.msgType());
        assertEquals("jupyter.widget", open.content().get("target_name"));
        assertEquals(Map.of("version", "2.1.0"), open.metadata());
        assertEquals(id, open.commId());
        Map<String, Object> state = open.state();
        assertEquals("IntSliderModel", state.get("_model_name"));
        assertEquals("@jupyter-widgets/controls", state.get("_model_module"));
        assertEquals("2.0.0", state.get("_model_module_version"));
        assertEquals("IntSliderView", state.get("_view_name"));
        assertEquals("@jupyter-widgets/controls", state.get("_view_module"));
        assertEquals("2.0.0", state.get("_view_module_version"));
        assertEquals(0, state.get("value"));
        assertEquals(0, state.get("min"));
        assertEquals(10, state.get("max"));
        assertEquals(1, state.get("step"));
        assertEquals("n", state.get("description"));
        assertEquals(false, state.get("description_allow_html"));
        assertEquals("d", state.get("readout_format"));
        assertEquals("drag-tap", state.get("behavior"));
        assertEquals(List.of(), state.get("_dom_classes"));
        assertTrue(state.containsKey("tooltip") && state.get("tooltip") == null);
        assertTrue(state.containsKey("tabbable") && state.get("tabbable") == null);
        assertEquals(List.of(), open.data().get("buffer_paths"));

        assertEquals("IPY_MODEL_" + layout.commId(), state.get("layout"));
        assertEquals("IPY_MODEL_" + style.commId(), state.get("style"));
        assertEquals("LayoutModel", layout.state().get("_model_name"));
        assertEquals("@jupyter-widgets/base", layout.state().get("_model_module"));
        assertEquals("LayoutView", layout.state().get("_view_name"));
        assertTrue(layout.state().containsKey("width") && layout.state().get("width") == null);
        assertEquals("SliderStyleModel", style.state().get("_model_name"));
        assertEquals("@jupyter-widgets/controls", style.state().get("_model_module"));
        assertEquals("StyleView", style.state().get("_view_name"));
        assertEquals("@jupyter-widgets/base", style.state().get("_view_module"));
        assertEquals("", style.state().get("description_width"));
        assertTrue(style.state().containsKey("handle_color"));
    }

    @Test
    void aChangeFromJavaSendsAnUpdateOfThatKeyOnly() {
        IntSlider slider = new IntSlider();
        String id = slider.id();
        recorder.clear();

        slider.value(42);
        slider.value(42);  // no change, no message

        List<Recorder.Sent> messages = recorder.messagesOn(id);
        assertEquals(1, messages.size());
        assertEquals(Map.of("method", "update", "state", Map.of("value", 42), "buffer_paths", List.of()), messages.get(0).data());
    }

    @Test
    void setFromJavaClampsToTheBounds() {
        IntSlider slider = new IntSlider(5, 0, 10);
        slider.value(99);
        assertEquals(10, slider.value());
        assertThrows(IllegalArgumentException.class, () -> slider.set("no_such_trait", 1));
        assertThrows(IllegalArgumentException.class, () -> slider.set("value", "text"));
    }

    @Test
    void anUpdateFromTheFrontendIsAppliedEchoedAndObserved() {
        IntSlider slider = new IntSlider();
        List<Change> changes = new ArrayList<>();
        List<Integer> values = new ArrayList<>();
        slider.observe("value", changes::add);
        slider.onValue(values::add);
        String id = slider.id();
        recorder.clear();

        Recorder.frontend(id, Map.of("method", "update", "state", Map.of("value", 42, "unknown", 1), "buffer_paths", List.of()), "m1");

        assertEquals(42, slider.value());
        assertEquals(1, changes.size());
        assertEquals(slider, changes.get(0).owner());
        assertEquals("value", changes.get(0).name());
        assertEquals(0, changes.get(0).oldValue());
        assertEquals(42, changes.get(0).newValue(Integer.class));
        assertEquals(List.of(42), values);
        List<Recorder.Sent> messages = recorder.messagesOn(id);
        assertEquals(1, messages.size(), "an echo_update, and no update back: " + messages);
        assertEquals(Map.of("method", "echo_update", "state", Map.of("value", 42), "buffer_paths", List.of()), messages.get(0).data());
    }

    @Test
    void aFloatWidgetTakesTheFrontendsWholeNumbers() {
        FloatSlider slider = new FloatSlider();
        Recorder.frontend(slider.id(), Map.of("method", "update", "state", Map.of("value", 3), "buffer_paths", List.of()), "m");
        assertEquals(3.0, slider.value());
    }

    @Test
    void requestStateIsAnsweredWithTheFullState() {
        IntSlider slider = new IntSlider().value(7);
        String id = slider.id();
        recorder.clear();

        Recorder.frontend(id, Map.of("method", "request_state"), "m2");

        List<Recorder.Sent> messages = recorder.messagesOn(id);
        assertEquals(1, messages.size());
        assertEquals("update", messages.get(0).data().get("method"));
        assertEquals(List.of(), messages.get(0).data().get("buffer_paths"));
        Map<String, Object> state = messages.get(0).state();
        assertEquals(7, state.get("value"));
        assertEquals("IntSliderModel", state.get("_model_name"));
        assertEquals(slider.wireState().state(), state);
    }

    @Test
    void aListenersExceptionIsPrintedAndTheOthersStillRun() {
        IntSlider slider = new IntSlider();
        List<Object> seen = new ArrayList<>();
        slider.observe("value", c -> {
            throw new IllegalStateException("boom");
        });
        slider.observe("value", c -> seen.add(c.newValue()));
        Recorder.frontend(slider.id(), Map.of("method", "update", "state", Map.of("value", 3), "buffer_paths", List.of()), "m");
        assertEquals(List.of(3), seen);
        assertEquals(3, slider.value());
    }

    @Test
    void theReprShowsTheValueAndChangedTraits() {
        assertEquals("IntSlider(value=5, max=10)", new IntSlider().max(10).value(5).toString());
        assertFalse(new Layout().toString().contains("width"));
        assertNull(new Layout().width());
    }
}
