/** IJava's runtime API (Display, Kernel, Magics) under IJava's names, imported into every session. Runs in the executor JVM. */
package io.github.spencerpark.ijava.runtime;
