/**
 * Comms from Java code, in the executor JVM: the public API a cell uses ({@link io.callisto.comm.Comm},
 * {@link io.callisto.comm.Comms}) and the thread that runs the frontend's comm messages against it. The messages
 * are the messaging spec's {@code comm_open}, {@code comm_msg} and {@code comm_close} (section "Custom Messages");
 * the kernel JVM's {@code io.callisto.commbridge} carries them between IOPub/shell and this JVM.
 * {@link io.callisto.comm.CommWire} is shared: both JVMs use it to frame the records.
 */
package io.callisto.comm;
