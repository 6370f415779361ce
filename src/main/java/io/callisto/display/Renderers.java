package io.callisto.display;

import java.awt.image.RenderedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Comparator;
import java.util.List;
import java.util.ServiceLoader;
import java.util.concurrent.CopyOnWriteArrayList;
import javax.imageio.ImageIO;

/**
 * The renderer registry of the executor JVM: built-in renderers (MIME bundles as they are, images as PNG),
 * those libraries declare through ServiceLoader, and those cells register. A value no renderer takes is
 * shown as text only.
 */
public final class Renderers {
    private static final List<Renderer> REGISTERED = new CopyOnWriteArrayList<>();
    private static volatile boolean loaded;

    private Renderers() {
    }

    /** Adds a renderer; later registrations win over earlier ones of the same priority. */
    public static void register(Renderer renderer) {
        REGISTERED.add(0, renderer);
    }

    /** The rich rendering of a value, or null when only text/plain applies. */
    public static MimeBundle renderRich(Object value) {
        if (value == null) {
            return null;
        }
        for (Renderer renderer : ordered()) {
            if (renderer.accepts(value)) {
                return renderer.render(value);
            }
        }
        return null;
    }

    /** Every representation of a value, text/plain always among them. */
    public static MimeBundle render(Object value) {
        MimeBundle rich = renderRich(value);
        if (rich == null) {
            return MimeBundle.of("text/plain", String.valueOf(value));
        }
        return rich.data().containsKey("text/plain") ? rich : rich.with("text/plain", String.valueOf(value));
    }

    private static List<Renderer> ordered() {
        if (!loaded) {
            loadServices();
        }
        List<Renderer> all = new ArrayList<>(REGISTERED);
        all.add(new BundleRenderer());
        all.add(new ImageRenderer());
        all.sort(Comparator.comparingInt(Renderer::priority).reversed());
        return all;
    }

    private static synchronized void loadServices() {
        if (loaded) {
            return;
        }
        ClassLoader loader = Thread.currentThread().getContextClassLoader();
        for (Renderer renderer : ServiceLoader.load(Renderer.class, loader == null ? Renderers.class.getClassLoader() : loader)) {
            REGISTERED.add(renderer);
        }
        loaded = true;
    }

    /** A MIME bundle is shown as it is; so is IJava's DisplayData, which becomes one. */
    private static final class BundleRenderer implements Renderer {
        @Override
        public boolean accepts(Object value) {
            return value instanceof MimeBundle || value instanceof io.github.spencerpark.jupyter.kernel.display.DisplayData;
        }

        @Override
        public MimeBundle render(Object value) {
            return value instanceof MimeBundle bundle ? bundle
                    : ((io.github.spencerpark.jupyter.kernel.display.DisplayData) value).toMimeBundle();
        }
    }

    /** AWT images (BufferedImage and the rest) as image/png. */
    private static final class ImageRenderer implements Renderer {
        @Override
        public boolean accepts(Object value) {
            return value instanceof RenderedImage;
        }

        @Override
        public MimeBundle render(Object value) {
            RenderedImage image = (RenderedImage) value;
            ByteArrayOutputStream png = new ByteArrayOutputStream();
            try {
                ImageIO.write(image, "png", png);
            } catch (IOException e) {
                throw new UncheckedIOException("cannot encode the image as PNG", e);
            }
            return MimeBundle.of("image/png", Base64.getEncoder().encodeToString(png.toByteArray()))
                    .with("text/plain", "<image " + image.getWidth() + "x" + image.getHeight() + ">");
        }
    }
}
