/** Line and cell magics (%maven, %jars, %%bash, ...), run around the engine before the Java of a cell. Runs in the kernel JVM. */
package io.callisto.magics;
