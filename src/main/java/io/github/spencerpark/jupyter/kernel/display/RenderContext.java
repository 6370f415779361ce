package io.github.spencerpark.jupyter.kernel.display;

import io.github.spencerpark.jupyter.kernel.display.mime.MIMEType;
import java.util.Set;
import java.util.function.Supplier;

/** What an IJava render function fills: the requested types, and the bundle it writes into. */
public class RenderContext {
    private final Set<MIMEType> requested;
    private final DisplayData output;

    RenderContext(Set<MIMEType> requested, DisplayData output) {
        this.requested = requested;
        this.output = output;
    }

    public boolean wantsDataRenderedAs(MIMEType type) {
        return requested.isEmpty() || requested.contains(type);
    }

    public void renderIfRequested(MIMEType type, Supplier<?> representation) {
        if (wantsDataRenderedAs(type)) {
            output.putData(type, representation.get());
        }
    }

    public DisplayData getOutputContainer() {
        return output;
    }
}
