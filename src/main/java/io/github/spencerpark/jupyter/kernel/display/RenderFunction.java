package io.github.spencerpark.jupyter.kernel.display;

/** IJava's render callback: writes the representations of {@code data} into the context. */
@FunctionalInterface
public interface RenderFunction<T> {
    void render(T data, RenderContext context);
}
