package io.github.spencerpark.ijava.runtime;

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
     * IJava's {@code eval}, which runs code in the notebook's scope while a cell runs. Callisto compiles in the
     * kernel JVM and runs cells in a separate one, whose execution protocol serves one snippet at a time, so a
     * cell cannot run another snippet from inside itself.
     *
     * @param code the code IJava would evaluate
     * @return never
     * @throws UnsupportedOperationException always, saying so
     */
    public static Object eval(String code) throws Exception {
        throw new UnsupportedOperationException("eval(…) is not available in Callisto: a running cell cannot run "
                + "another snippet (cells run in a JVM of their own, one snippet at a time). Write the code in the cell.");
    }
}
