package io.github.spencerpark.ijava;

import io.callisto.notebook.Displays;
import io.github.spencerpark.jupyter.kernel.display.DisplayData;
import io.github.spencerpark.jupyter.kernel.display.Renderer;

/**
 * The part of IJava's kernel object that notebooks use, under IJava's name: its renderer registry and
 * {@link #display}. In Callisto it lives in the executor JVM, next to the cells; the kernel proper is another
 * process.
 */
public final class JavaKernel {
    private final Renderer renderer = new Renderer();

    JavaKernel() {
    }

    /** The registry {@code createRegistration(Type.class)…register(…)} adds renderers to. */
    public Renderer getRenderer() {
        return renderer;
    }

    /**
     * Shows a rendered bundle under the running cell, as IJava's {@code kernel.display(data)}.
     *
     * @param data what {@code render(…)} returned, or a bundle built by hand
     */
    public void display(DisplayData data) {
        Displays.display(data);
    }

    /** IJava's {@code evalRaw}: see {@link io.github.spencerpark.ijava.runtime.Kernel#eval}. */
    public Object evalRaw(String code) throws Exception {
        return io.github.spencerpark.ijava.runtime.Kernel.eval(code);
    }
}
