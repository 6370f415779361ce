package io.github.spencerpark.ijava;

/**
 * IJava's entry point, under IJava's name, for notebooks that call
 * {@code IJava.getKernelInstance().getRenderer()} to register renderers. In Callisto it runs next to the
 * cells, in the executor JVM, and what it registers joins Callisto's renderers.
 */
public final class IJava {
    private static final JavaKernel INSTANCE = new JavaKernel();

    private IJava() {
    }

    /** The kernel object of this notebook; never null in Callisto. */
    public static JavaKernel getKernelInstance() {
        return INSTANCE;
    }
}
