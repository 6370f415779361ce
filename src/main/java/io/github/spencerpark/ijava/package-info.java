/** IJava's public entry points under IJava's names, so IJava notebooks compile unchanged. Runs in the executor JVM. */
package io.github.spencerpark.ijava;
