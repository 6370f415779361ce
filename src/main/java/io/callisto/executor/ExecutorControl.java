package io.callisto.executor;

import java.lang.reflect.Method;
import jdk.jshell.execution.DirectExecutionControl;

/**
 * Runs JShell's compiled snippets inside the executor JVM. After each snippet the cell's output is sent on
 * before the result, so the kernel has all of it by the time the snippet's value arrives.
 */
final class ExecutorControl extends DirectExecutionControl {
    private final Runnable sendOutput;

    ExecutorControl(Runnable sendOutput) {
        this.sendOutput = sendOutput;
    }

    @Override
    protected String invoke(Method doitMethod) throws Exception {
        try {
            return super.invoke(doitMethod);
        } finally {
            sendOutput.run();
        }
    }
}
