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

    /** The value's representations in the given MIME types (text/plain always kept). */
    public DisplayData renderAs(Object value, String... mimeTypes) {
        return toDisplayData(Renderers.render(value).only(mimeTypes));
    }

    private static DisplayData toDisplayData(MimeBundle bundle) {
        DisplayData data = new DisplayData();
        bundle.data().forEach(data::putData);
        bundle.metadata().forEach(data::putMetaData);
        return data;
    }

    /** A registration being built; {@link #register} adds it. */
    public static class RenderRegistration<T> {
        private final Class<T> type;
        private final Set<MIMEType> preferred = new LinkedHashSet<>();
        private final Set<MIMEType> supported = new LinkedHashSet<>();
        private final List<Predicate<T>> conditions = new ArrayList<>();

        RenderRegistration(Class<T> type) {
            this.type = type;
        }

        public RenderRegistration<T> preferring(MIMEType... types) {
            preferred.addAll(Arrays.asList(types));
            return this;
        }

        public RenderRegistration<T> supporting(MIMEType... types) {
            supported.addAll(Arrays.asList(types));
            return this;
        }

        public RenderRegistration<T> onlyIf(Predicate<T> condition) {
            conditions.add(condition);
            return this;
        }

        public void register(RenderFunction<T> function) {
            Set<MIMEType> requested = new LinkedHashSet<>(preferred);
            Renderers.register(new io.callisto.display.Renderer() {
                @Override
                public boolean accepts(Object value) {
                    return type.isInstance(value) && conditions.stream().allMatch(c -> c.test(type.cast(value)));
                }

                @Override
                public MimeBundle render(Object value) {
                    DisplayData output = new DisplayData();
                    function.render(type.cast(value), new RenderContext(requested, output));
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
