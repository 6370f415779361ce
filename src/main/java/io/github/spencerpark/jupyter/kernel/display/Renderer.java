package io.github.spencerpark.jupyter.kernel.display;

import io.callisto.display.MimeBundle;
import io.callisto.display.Renderers;
import io.github.spencerpark.jupyter.kernel.display.mime.MIMEType;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Predicate;

/**
 * IJava's renderer API, as notebooks call it through {@code IJava.getKernelInstance().getRenderer()}:
 * {@code createRegistration(Type.class).preferring(MIMEType.IMAGE_SVG).register((value, context) -> …)}.
 * Each registration becomes a Callisto renderer, so values of that type render in display() and as results.
 */
public class Renderer {

    public <T> RenderRegistration<T> createRegistration(Class<T> type) {
        return new RenderRegistration<>(type);
    }

    /** Every representation of a value, as display() would show it. */
    public DisplayData render(Object value) {
        return toDisplayData(Renderers.render(value));
    }

    /**
     * The value's representations in the given MIME types, asked of every renderer that supports them; a
     * String is itself in text/html, text/markdown and the other text types. text/plain is always there.
     */
    public DisplayData renderAs(Object value, String... mimeTypes) {
        return toDisplayData(Renderers.renderAs(value, mimeTypes));
    }

    private static DisplayData toDisplayData(MimeBundle bundle) {
        DisplayData data = new DisplayData();
        bundle.data().forEach(data::putData);
        bundle.metadata().forEach(data::putMetaData);
        return data;
    }

    /**
     * A registration being built; {@link #register} adds it. As in IJava, the preferred types are what a value
     * is rendered as by default, and the supported ones (which include the preferred) are what
     * {@code display(value, types…)} may ask for; with none given, every type is.
     */
    public static class RenderRegistration<T> {
        private final List<Class<? extends T>> types = new ArrayList<>();
        private final Set<MIMEType> preferred = new LinkedHashSet<>();
        private final Set<MIMEType> supported = new LinkedHashSet<>();
        private final List<Predicate<T>> conditions = new ArrayList<>();

        RenderRegistration(Class<T> type) {
            types.add(type);
        }

        public RenderRegistration<T> preferring(MIMEType... types) {
            preferred.addAll(Arrays.asList(types));
            supported.addAll(Arrays.asList(types));
            return this;
        }

        public RenderRegistration<T> preferring(String... types) {
            return preferring(Arrays.stream(types).map(MIMEType::parse).toArray(MIMEType[]::new));
        }

        public RenderRegistration<T> supporting(MIMEType... types) {
            supported.addAll(Arrays.asList(types));
            return this;
        }

        public RenderRegistration<T> supporting(String... types) {
            return supporting(Arrays.stream(types).map(MIMEType::parse).toArray(MIMEType[]::new));
        }

        /** One more type the function renders (a subtype of the registered one, typically). */
        public RenderRegistration<T> onType(Class<? extends T> type) {
            types.add(type);
            return this;
        }

        public RenderRegistration<T> onlyIf(Predicate<T> condition) {
            conditions.add(condition);
            return this;
        }

        public void register(RenderFunction<T> function) {
            Set<MIMEType> byDefault = new LinkedHashSet<>(preferred.isEmpty() ? supported : preferred);
            Set<String> supportedTypes = new LinkedHashSet<>();
            supported.forEach(type -> supportedTypes.add(type.toString()));
            Renderers.register(new io.callisto.display.Renderer() {
                @Override
                @SuppressWarnings("unchecked")
                public boolean accepts(Object value) {
                    return types.stream().anyMatch(type -> type.isInstance(value))
                            && conditions.stream().allMatch(c -> c.test((T) value));
                }

                @Override
                public MimeBundle render(Object value) {
                    return run(value, byDefault);
                }

                @Override
                public MimeBundle renderAs(Object value, Set<String> mimeTypes) {
                    boolean asked = supportedTypes.isEmpty()
                            || supportedTypes.stream().anyMatch(type -> Renderers.requested(mimeTypes, type));
                    if (!asked) {
                        return null;
                    }
                    Set<MIMEType> requested = new LinkedHashSet<>();
                    mimeTypes.forEach(type -> requested.add(MIMEType.parse(type)));
                    return run(value, requested);
                }

                @SuppressWarnings("unchecked")
                private MimeBundle run(Object value, Set<MIMEType> requested) {
                    DisplayData output = new DisplayData();
                    function.render((T) value, new RenderContext(requested, output));
                    return output.toMimeBundle();
                }

                @Override
                public int priority() {
                    return 10;
                }
            });
        }
    }
}
