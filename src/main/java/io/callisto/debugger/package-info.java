/**
 * The notebook debugger, in the <b>kernel JVM</b>: the Jupyter debug protocol (messaging spec "Debug request" and
 * "Additions to the DAP") for Java cells, as JupyterLab 4's and VS Code's debugger panels speak it.
 * {@link io.callisto.debugger.Debugger} answers {@code debug_request}s (DAP requests, on the control thread, in
 * order) and publishes DAP events; {@code Debuggee} does the work over the JDI connection the engine already holds
 * to the executor JVM ({@link io.callisto.engine.DebugTarget}), where the cells run. The executor's side is
 * {@code io.callisto.executor.DebugProbe}. The kernel only routes {@code debug_request} here.
 */
package io.callisto.debugger;
