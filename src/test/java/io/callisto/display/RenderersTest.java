package io.callisto.display;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.time.Duration;
import java.util.Base64;
import java.util.Map;
import org.junit.jupiter.api.Test;

class RenderersTest {

    /** Listed in src/test/resources/META-INF/services/io.callisto.display.Renderer, as a library would. */
    public static final class DurationRenderer implements Renderer {
        @Override
        public boolean accepts(Object value) {
            return value instanceof Duration;
        }

        @Override
        public MimeBundle render(Object value) {
            return MimeBundle.of("text/html", "<i>" + value + "</i>");
        }
    }

    @Test
    void plainValuesHaveOnlyText() {
        assertNull(Renderers.renderRich("just text"));
        assertEquals(Map.of("text/plain", "42"), Renderers.render(42).data());
    }

    @Test
    void imagesBecomePng() {
        MimeBundle bundle = Renderers.render(new BufferedImage(3, 2, BufferedImage.TYPE_INT_RGB));
        byte[] png = Base64.getDecoder().decode((String) bundle.data().get("image/png"));
        assertEquals((byte) 0x89, png[0]);
        assertEquals("PNG", new String(png, 1, 3));
        assertEquals("<image 3x2>", bundle.data().get("text/plain"));
    }

    @Test
    void serviceLoaderRenderersApplyWithoutRegistration() {
        MimeBundle bundle = Renderers.render(Duration.ofMinutes(2));
        assertEquals("<i>PT2M</i>", bundle.data().get("text/html"));
        assertEquals("PT2M", bundle.data().get("text/plain"), "text/plain is the value's own text");
    }

    @Test
    void aHigherPriorityRendererWins() {
        record Celsius(double value) {
        }
        Renderers.register(new Renderer() {
            @Override
            public boolean accepts(Object value) {
                return value instanceof Celsius;
            }

            @Override
            public MimeBundle render(Object value) {
                return MimeBundle.of("text/markdown", "low");
            }
        });
        Renderers.register(new Renderer() {
            @Override
            public boolean accepts(Object value) {
                return value instanceof Celsius;
            }

            @Override
            public MimeBundle render(Object value) {
                return MimeBundle.of("text/markdown", "high");
            }

            @Override
            public int priority() {
                return 5;
            }
        });
        assertEquals("high", Renderers.render(new Celsius(1)).data().get("text/markdown"));
    }

    @Test
    void bundlesKeepWhatIsAskedFor() {
        MimeBundle bundle = MimeBundle.of("text/html", "<b>x</b>").with("text/markdown", "**x**").with("text/plain", "x");
        assertEquals(Map.of("text/html", "<b>x</b>", "text/plain", "x"), bundle.only("text/html").data());
        assertTrue(MimeBundle.of("text/html", "<b>x</b>").toString().contains("<b>x</b>"));
    }
}
