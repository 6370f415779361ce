package io.github.spencerpark.jupyter.kernel.display;

import io.callisto.display.Renderers;
import io.github.spencerpark.jupyter.kernel.display.mime.MIMEType;
import java.util.LinkedHashSet;
import java.util.Set;
import java.util.function.BiConsumer;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * What an IJava render function fills: the requested types (text/plain always among them; none given means
 * every type), and the bundle it writes into.
 */
public class RenderContext {
    private final Set<String> requested = new LinkedHashSet<>();
    private final DisplayData output;

    RenderContext(Set<MIMEType> requested, DisplayData output) {
        requested.forEach(type -> this.requested.add(type.toString()));
        if (!this.requested.isEmpty()) {
            this.requested.add(MIMEType.TEXT_PLAIN.toString());
        }
        this.output = output;
    }

    public boolean wantsDataRenderedAs(MIMEType type) {
        return requested.isEmpty() || Renderers.requested(requested, type.toString());
    }

    /** The type to store a representation under: {@code supported} when it is requested, else null. */
    public MIMEType resolveRequestedType(MIMEType supported) {
        return wantsDataRenderedAs(supported) ? supported : null;
    }

    /**
     * Stores {@code representation}'s value as {@code type} when that type is requested.
     *
     * @return whether it was requested (and so stored)
     */
    public boolean renderIfRequested(MIMEType type, Supplier<?> representation) {
        if (!wantsDataRenderedAs(type)) {
            return false;
        }
        output.putData(type, representation.get());
        return true;
    }

    /** As {@link #renderIfRequested(MIMEType, Supplier)}, the function given the type. */
    public boolean renderIfRequested(MIMEType type, Function<MIMEType, ?> representation) {
        if (!wantsDataRenderedAs(type)) {
            return false;
        }
        output.putData(type, representation.apply(type));
        return true;
    }

    /** When {@code type} is requested, lets {@code render} write into the output itself. */
    public boolean renderIfRequested(MIMEType type, BiConsumer<MIMEType, DisplayData> render) {
        if (!wantsDataRenderedAs(type)) {
            return false;
        }
        render.accept(type, output);
        return true;
    }

    public DisplayData getOutputContainer() {
        return output;
    }
}
