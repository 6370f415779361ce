package io.github.spencerpark.ijava.runtime;

import io.callisto.executor.NestedCalls;
import io.github.spencerpark.ijava.IJava;
import io.github.spencerpark.ijava.JavaKernel;

/** IJava's kernel functions, under IJava's names; cells can call them without an import. */
public final class Kernel {
    private Kernel() {
    }

    /** The notebook's kernel object: its renderer registry and display. */
    public static JavaKernel getKernelInstance() {
        return IJava.getKernelInstance();
    }

    /**
     * IJava's {@code eval}: evaluates code in the notebook's scope from inside a running cell. Its snippets are
     * compiled by the kernel and run here, on the cell's thread; declarations stay in the notebook. Call it
     * from the thread running the cell, and not from code that eval itself runs.
     *
     * @param code one or more snippets (statements, expressions, declarations)
     * @return the value of the last snippet, the object itself, when that is an expression; null otherwise
     * @throws Exception the exception the code threw, as itself; an {@link io.callisto.executor.EvalException}
     *     saying why when the code does not compile or is unfinished
     */
    public static Object eval(String code) throws Exception {
        return NestedCalls.eval(code);
    }
}
