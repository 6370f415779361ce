package io.callisto.engine;

/**
 * A notebook variable as the executor JVM holds it: a static field named {@code name} of the wrapper class
 * {@code className}, for a debugger to read over JDI without going through JShell.
 *
 * @param name the variable's name
 * @param type its declared type as written
 * @param className the binary name of its snippet's wrapper class
 */
public record NotebookVariable(String name, String type, String className) {
}
