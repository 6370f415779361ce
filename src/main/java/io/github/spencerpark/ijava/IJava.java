package io.github.spencerpark.ijava;

import io.github.spencerpark.jupyter.kernel.display.Renderer;

/**
 * IJava's entry point, under IJava's name, for notebooks that call
 * {@code IJava.getKernelInstance().getRenderer()} to register renderers. In Callisto it runs next to the
 * cells, in the executor JVM, and what it registers joins Callisto's renderers.
 */
public final class IJava {
    private static final Kernel INSTANCE = new Kernel();

    private IJava() {
    }

    public static Kernel getKernelInstance() {
        return INSTANCE;
    }

    /** The part of IJava's kernel object that notebooks use. */
    public static final class Kernel {
        private final Renderer renderer = new Renderer();

        private Kernel() {
        }

        public Renderer getRenderer() {
            return renderer;
        }
    }
}
