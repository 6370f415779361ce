/** The kernel JVM's entry point ({@code Main}: the connection file, the engine, the sockets) and its logging. Runs in the kernel JVM. */
package io.callisto;
