/**
 * Kernel subshells (JEP 91, messaging protocol 5.5), in the kernel JVM: the subshells a client creates,
 * lists and deletes on control, each a queue and a thread of its own that runs the shell requests whose
 * {@code header.subshell_id} names it, one at a time, concurrently with the parent shell and the other
 * subshells; and the execute_requests run there, in the notebook's namespace, with their own execution
 * count and their output parented to them. The kernel only routes requests here.
 */
package io.callisto.subshells;
