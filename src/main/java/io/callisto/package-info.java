/**
 * The kernel JVM's entry point ({@code Main}: the connection file, the engine, the sockets), its logging, and the
 * temp directories it owns ({@code KernelTempDirs}). Runs in the kernel JVM.
 */
package io.callisto;
