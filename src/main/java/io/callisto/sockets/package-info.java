/** JeroMQ: the connection file, the bound sockets, the I/O and heartbeat threads. The only package that imports JeroMQ. Runs in the kernel JVM. */
package io.callisto.sockets;
