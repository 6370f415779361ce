/** The executor JVM's main class and JShell execution control: loads and runs snippets, batches their output, reads stdin through the kernel. Runs in the executor JVM. */
package io.callisto.executor;
