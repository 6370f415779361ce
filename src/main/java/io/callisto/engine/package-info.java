/**
 * The language side: JShell (compiling in this JVM), cell splitting, tracebacks, editor answers, and the
 * executor JVM it starts and talks to (commands, stops and class redefinition over JDI), with the session
 * pool whose warm spare keeps the checkpoint of the notebook's definitions. No sockets of the protocol.
 * Runs in the kernel JVM.
 */
package io.callisto.engine;
