/** The protocol state machine: dispatch of shell and control requests, IOPub status, output coalescing, stdin, kernel_info and usage. Runs in the kernel JVM. */
package io.callisto.kernel;
