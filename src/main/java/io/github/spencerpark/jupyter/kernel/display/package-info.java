/** The display and renderer API of IJava's base kernel under its names, on top of io.callisto.display. Runs in the executor JVM. */
package io.github.spencerpark.jupyter.kernel.display;
