package io.callisto.widgets;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.callisto.comm.CommWire;
import io.callisto.comm.Comms;
import io.callisto.display.MimeBundle;
import io.callisto.display.Renderers;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class ProtocolTest {
    @RegisterExtension
    final Recorder recorder = new Recorder();

    @Test
    void imageBytesTravelAsABufferWithTheirPath() {
        byte[] png = {(byte) 0x89, 'P', 'N', 'G'};
        Image image = new Image(png, "png").width("100px");
        String id = image.id();

        Recorder.Sent open = recorder.openOf(id);
        assertFalse(open.state().containsKey("value"), "a buffer's key is absent from the JSON state");
        assertEquals(List.of(List.of("value")), open.data().get("buffer_paths"));
        assertEquals(1, open.buffers().size());
        assertArrayEquals(png, open.buffers().get(0));
        assertEquals("ImageModel", open.state().get("_model_name"));
        assertEquals("100px", open.state().get("width"));

        recorder.clear();
        byte[] gif = {'G', 'I', 'F'};
        image.value(gif);
        Recorder.Sent update = recorder.messagesOn(id).get(0);
        assertEquals(Map.of(), update.state());
        assertEquals(List.of(List.of("value")), update.data().get("buffer_paths"));
        assertArrayEquals(gif, update.buffers().get(0));

        recorder.clear();
        byte[] jpeg = {1, 2, 3};
        Recorder.frontend(id, Map.of("method", "update", "state", Map.of(), "buffer_paths", List.of(List.of("value"))),
                List.of(jpeg), "m");
        assertArrayEquals(jpeg, image.value());
        Recorder.Sent echo = recorder.messagesOn(id).get(0);
        assertEquals("echo_update", echo.data().get("method"));
        assertEquals(List.of(List.of("value")), echo.data().get("buffer_paths"));
        assertArrayEquals(jpeg, echo.buffers().get(0));
    }

    @Test
    void theControlCommAnswersRequestStatesWithEveryWidgetAndItsBuffers() {
        Image image = new Image(new byte[] {7, 8}, "png");
        IntSlider slider = new IntSlider().value(3);
        String imageId = image.id();
        String sliderId = slider.id();
        assertTrue(Comms.hasTarget("jupyter.widget.control"));
        Comms.dispatch(new CommWire.Record("comm_open", Map.of("comm_id", "control-1", "target_name", "jupyter.widget.control",
                "data", Map.of()), Map.of("version", "1.0.0"), List.of(), "open-msg"));
        recorder.clear();

        Recorder.frontend("control-1", Map.of("method", "request_states"), "req");

        Recorder.Sent reply = recorder.messagesOn("control-1").get(0);
        assertEquals("update_states", reply.data().get("method"));
        @SuppressWarnings("unchecked")
        Map<String, Map<String, Object>> states = (Map<String, Map<String, Object>>) reply.data().get("states");
        Map<String, Object> sliderEntry = states.get(sliderId);
        assertEquals("IntSliderModel", sliderEntry.get("model_name"));
        assertEquals("@jupyter-widgets/controls", sliderEntry.get("model_module"));
        assertEquals("2.0.0", sliderEntry.get("model_module_version"));
        assertEquals(3, ((Map<?, ?>) sliderEntry.get("state")).get("value"));
        assertTrue(states.containsKey(((String) ((Map<?, ?>) sliderEntry.get("state")).get("layout")).substring("IPY_MODEL_".length())));
        @SuppressWarnings("unchecked")
        List<List<Object>> paths = (List<List<Object>>) reply.data().get("buffer_paths");
        int at = paths.indexOf(List.of(imageId, "state", "value"));
        assertTrue(at >= 0, "the image's buffer path: " + paths);
        assertArrayEquals(new byte[] {7, 8}, reply.buffers().get(at));
        assertFalse(((Map<?, ?>) states.get(imageId).get("state")).containsKey("value"));
    }

    @Test
    void aButtonClickRunsItsListeners() {
        Button button = new Button("Go");
        List<Button> clicked = new ArrayList<>();
        button.onClick(clicked::add);
        Recorder.frontend(button.id(), Map.of("method", "custom", "content", Map.of("event", "click")), "click-1");
        assertEquals(List.of(button), clicked);
        assertEquals("Go", recorder.openOf(button.id()).state().get("description"));
        assertEquals("ButtonStyleModel", new ButtonStyle().modelName());
    }

    @Test
    void captureSetsMsgIdToTheParentThenBack() {
        Output out = new Output();
        String id = out.id();
        Recorder.Sent open = recorder.openOf(id);
        Comms.cellStarted("cell-7");
        recorder.clear();

        out.capture(() -> { });
        // On a comm handler, the frontend message is the parent.
        Button button = new Button();
        button.onClick(b -> out.capture(() -> { }));
        Recorder.frontend(button.id(), Map.of("method", "custom", "content", Map.of("event", "click")), "click-9");

        List<Object> msgIds = recorder.messagesOn(id).stream().map(s -> s.state().get("msg_id")).toList();
        assertEquals(List.of("cell-7", "", "click-9", ""), msgIds);
        assertEquals("@jupyter-widgets/output", open.state().get("_model_module"));
        assertEquals("1.0.0", open.state().get("_model_module_version"));
        assertEquals("OutputView", open.state().get("_view_name"));
        assertEquals(List.of(), open.state().get("outputs"));
    }

    @Test
    void outputAppendsAndClearsItsOutputs() {
        Output out = new Output().appendStdout("hi\n");
        out.appendDisplayData(io.callisto.notebook.Notebook.html("<b>x</b>"));
        assertEquals(List.of(Map.of("output_type", "stream", "name", "stdout", "text", "hi\n"),
                Map.of("output_type", "display_data", "data", Map.of("text/html", "<b>x</b>", "text/plain", "<b>x</b>"), "metadata", Map.of())),
                out.outputs());
        assertEquals(List.of(), out.clear().outputs());
    }

    @Test
    void aWidgetRendersAsTheWidgetViewMimeType() {
        IntSlider slider = new IntSlider().value(50);
        MimeBundle bundle = Renderers.render(slider);
        assertEquals(Map.of("model_id", slider.id(), "version_major", 2, "version_minor", 0),
                bundle.data().get("application/vnd.jupyter.widget-view+json"));
        assertEquals("IntSlider(value=50)", bundle.data().get("text/plain"));
    }

    @Test
    void theFirstWidgetOfACellGetsAListenerAreaShownAfterTheCell() {
        List<Map<String, Object>> shown = new ArrayList<>();
        WidgetRuntime.afterCell = shown::add;
        try {
            Comms.cellStarted("cell-21");
            IntSlider slider = new IntSlider();
            Renderers.render(slider);
            Renderers.render(new Checkbox());
            assertEquals(1, shown.size(), "one area per cell");
            @SuppressWarnings("unchecked")
            Map<String, Object> view = (Map<String, Object>) ((Map<String, Object>) shown.get(0).get("data"))
                    .get("application/vnd.jupyter.widget-view+json");
            String areaId = (String) view.get("model_id");
            assertEquals("OutputModel", recorder.openOf(areaId).state().get("_model_name"));

            // A listener on the comm thread prints inside the area's capture.
            List<String> during = new ArrayList<>();
            slider.observe("value", c -> during.add((String) Widget.byId(areaId).orElseThrow().get("msg_id")));
            recorder.clear();
            Recorder.frontend(slider.id(), Map.of("method", "update", "state", Map.of("value", 5), "buffer_paths", List.of()), "drag-1");
            assertEquals(List.of("drag-1"), during);
            List<Object> msgIds = recorder.messagesOn(areaId).stream().map(s -> s.state().get("msg_id")).toList();
            assertEquals(List.of("drag-1", ""), msgIds);

            Comms.cellStarted("cell-22");
            Renderers.render(new IntSlider());
            assertEquals(2, shown.size(), "a new cell gets its own area");
        } finally {
            WidgetRuntime.afterCell = io.callisto.display.DisplayChannel::sendAfterCell;
        }
    }

    @Test
    void containersReferToTheirChildrenOpenedFirst() {
        IntSlider a = new IntSlider();
        Text b = new Text("hi");
        HBox box = new HBox(a, b);
        String id = box.id();
        List<Recorder.Sent> opens = recorder.all().stream().filter(s -> s.msgType().equals("comm_open")).toList();
        Recorder.Sent boxOpen = opens.get(opens.size() - 1);
        assertEquals(id, boxOpen.commId());
        assertEquals(List.of("IPY_MODEL_" + a.id(), "IPY_MODEL_" + b.id()), boxOpen.state().get("children"));
        assertEquals("HBoxModel", boxOpen.state().get("_model_name"));
        assertTrue(opens.indexOf(recorder.openOf(a.id())) < opens.size() - 1);

        Tab tab = new Tab(new VBox(), new VBox()).titles("one", "two");
        assertEquals(0, tab.selectedIndex());
        assertNull(new Accordion(new VBox()).selectedIndex());
        assertEquals(List.of("one", "two"), recorder.openOf(tab.id()).state().get("titles"));
    }

    @Test
    void aDropdownSyncsLabelsAndIndexAndObservesItsValue() {
        Dropdown<String> dropdown = new Dropdown<>(List.of("a", "b", "c"));
        List<String> values = new ArrayList<>();
        dropdown.onValue(values::add);
        assertEquals("a", dropdown.value());
        Map<String, Object> state = recorder.openOf(dropdown.id()).state();
        assertEquals(List.of("a", "b", "c"), state.get("_options_labels"));
        assertEquals(0, state.get("index"));
        assertFalse(state.containsKey("value"));

        Recorder.frontend(dropdown.id(), Map.of("method", "update", "state", Map.of("index", 2), "buffer_paths", List.of()), "m");
        assertEquals("c", dropdown.value());
        dropdown.value("b");
        assertEquals(List.of("c", "b"), values);
        assertEquals(Map.of("index", 1), recorder.messagesOn(dropdown.id()).get(1).state());

        SelectMultiple<Integer> many = new SelectMultiple<>(List.of(10, 20, 30)).value(List.of(10, 30));
        assertEquals(List.of(0, 2), many.index());
        assertEquals(List.of(10, 30), many.value());
    }

    @Test
    void aDateCrossesAsYearMonthFromZeroAndDate() {
        DatePicker picker = new DatePicker(LocalDate.of(2024, 3, 9));
        assertEquals(Map.of("year", 2024, "month", 2, "date", 9), recorder.openOf(picker.id()).state().get("value"));
        Recorder.frontend(picker.id(), Map.of("method", "update", "state", Map.of("value", Map.of("year", 2025, "month", 0, "date", 31)),
                "buffer_paths", List.of()), "m");
        assertEquals(LocalDate.of(2025, 1, 31), picker.value());
    }
}
