package io.callisto.display;

import java.awt.image.RenderedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.ServiceLoader;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import javax.imageio.ImageIO;

/**
 * The renderer registry of the executor JVM: built-in renderers (MIME bundles as they are, images as PNG),
 * those libraries declare through ServiceLoader, and those cells register. A value no renderer takes is
 * shown as text only.
 */
public final class Renderers {
    private static final List<Renderer> REGISTERED = new CopyOnWriteArrayList<>();
    /** The types a text value can be shown as, itself being the content, as IJava renders a CharSequence. */
    private static final List<String> TEXT_TYPES = List.of("text/html", "text/markdown", "text/latex",
            "application/javascript", "text/css", "image/svg+xml");
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

    /**
     * A value in the requested MIME types, as IJava's {@code render(value, types…)} gives it: each renderer
     * that accepts the value fills the types it can, highest priority first; a text value is itself in any
     * text type asked for (text/html, text/markdown, text/latex, application/javascript, text/css,
     * image/svg+xml); an image is encoded as image/png, image/jpeg or image/gif. A type no one can give is
     * left out; text/plain is always there.
     *
     * @param value     any value, null included
     * @param mimeTypes the types wanted; {@code group/*} and {@code *} match several
     * @return the bundle, never null
     */
    public static MimeBundle renderAs(Object value, String... mimeTypes) {
        Set<String> wanted = new LinkedHashSet<>(Arrays.asList(mimeTypes));
        Map<String, Object> data = new LinkedHashMap<>();
        Map<String, Object> metadata = new LinkedHashMap<>();
        if (value != null) {
            for (Renderer renderer : ordered()) {
                if (!renderer.accepts(value)) {
                    continue;
                }
                MimeBundle bundle = renderer.renderAs(value, wanted);
                if (bundle != null) {
                    bundle.data().forEach((type, representation) -> {
                        if (type.equals("text/plain") || requested(wanted, type)) {
                            data.putIfAbsent(type, representation);
                        }
                    });
                    bundle.metadata().forEach(metadata::putIfAbsent);
                }
            }
            if (value instanceof CharSequence text) {
                for (String type : TEXT_TYPES) {
                    if (wanted.contains(type)) {
                        data.putIfAbsent(type, text.toString());
                    }
                }
            }
        }
        data.putIfAbsent("text/plain", String.valueOf(value));
        return new MimeBundle(data, metadata);
    }

    /** Whether a type is among those asked for, directly or through {@code group/*} or {@code *}. */
    public static boolean requested(Set<String> wanted, String type) {
        if (wanted.contains(type) || wanted.contains("*") || wanted.contains("*/*")) {
            return true;
        }
        int slash = type.indexOf('/');
        return slash > 0 && wanted.contains(type.substring(0, slash) + "/*");
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
            return MimeBundle.of("image/png", encode(image, "png"))
                    .with("text/plain", "<image " + image.getWidth() + "x" + image.getHeight() + ">");
        }

        @Override
        public MimeBundle renderAs(Object value, Set<String> mimeTypes) {
            RenderedImage image = (RenderedImage) value;
            Map<String, Object> data = new LinkedHashMap<>();
            for (String format : List.of("png", "jpeg", "gif")) {
                if (requested(mimeTypes, "image/" + format)) {
                    String encoded = encode(image, format);
                    if (encoded != null) {
                        data.put("image/" + format, encoded);
                    }
                }
            }
            data.put("text/plain", "<image " + image.getWidth() + "x" + image.getHeight() + ">");
            return new MimeBundle(data, Map.of());
        }

        /** Base64 of the image in that format; null when ImageIO cannot write it so (JPEG with alpha). */
        private static String encode(RenderedImage image, String format) {
            ByteArrayOutputStream bytes = new ByteArrayOutputStream();
            try {
                if (!ImageIO.write(image, format, bytes)) {
                    return null;
                }
            } catch (IOException e) {
                throw new UncheckedIOException("cannot encode the image as " + format, e);
            }
            return Base64.getEncoder().encodeToString(bytes.toByteArray());
        }
    }
}
