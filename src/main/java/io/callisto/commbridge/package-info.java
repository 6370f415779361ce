/**
 * The kernel JVM's comm layer: carries the frontend's {@code comm_open}, {@code comm_msg} and
 * {@code comm_close} (messaging spec, "Custom Messages") from shell to the executor's comm thread, and the
 * executor's comm messages and handler output to IOPub; answers {@code comm_info_request}. It knows comms,
 * not widgets: what a comm carries is the executor's business ({@code io.callisto.comm}, {@code io.callisto.widgets}).
 */
package io.callisto.commbridge;
