package io.callisto.widgets;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class LinkTest {
    @RegisterExtension
    final Recorder recorder = new Recorder();

    @Test
    void linkKeepsTwoTraitsEqualBothWaysUntilUnlinked() {
        IntSlider slider = new IntSlider().value(4);
        IntText text = new IntText();
        TraitLink link = Widgets.link(slider, "value", text, "value");
        assertEquals(4, text.value());

        Recorder.frontend(text.id(), Map.of("method", "update", "state", Map.of("value", 9), "buffer_paths", List.of()), "m");
        assertEquals(9, slider.value());
        slider.value(2);
        assertEquals(2, text.value());

        link.unlink();
        slider.value(3);
        assertEquals(2, text.value());
    }

    @Test
    void dlinkConvertsBetweenIntAndFloat() {
        FloatSlider source = new FloatSlider().value(2.6);
        IntSlider target = new IntSlider();
        Widgets.dlink(source, "value", target, "value");
        assertEquals(3, target.value());
        target.value(50);
        assertEquals(2.6, source.value());
    }

    @Test
    void jslinkIsALinkModelInTheFrontend() {
        Play play = new Play();
        IntSlider slider = new IntSlider();
        Link link = Widgets.jslink(play, "value", slider, "value");

        Recorder.Sent open = recorder.openOf(link.id());
        assertEquals("LinkModel", open.state().get("_model_name"));
        assertEquals("@jupyter-widgets/controls", open.state().get("_model_module"));
        assertEquals("2.0.0", open.state().get("_model_module_version"));
        assertNull(open.state().get("_view_name"));
        assertEquals(List.of("IPY_MODEL_" + play.id(), "value"), open.state().get("source"));
        assertEquals(List.of("IPY_MODEL_" + slider.id(), "value"), open.state().get("target"));
        assertEquals("DirectionalLinkModel", recorder.openOf(Widgets.jsdlink(play, "value", slider, "max").id())
                .state().get("_model_name"));
        link.unlink();
        assertEquals("comm_close", recorder.all().get(recorder.all().size() - 1).msgType());
    }
}
