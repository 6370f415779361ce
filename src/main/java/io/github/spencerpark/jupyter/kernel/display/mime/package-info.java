/** MIME types as IJava's base kernel names them. Runs in the executor JVM. */
package io.github.spencerpark.jupyter.kernel.display.mime;
