package io.callisto.comm;

import java.util.List;
import java.util.Map;

/**
 * Where comm messages made in this JVM go: the kernel, which publishes them on IOPub. Replaceable so the
 * widget library can be tested without a kernel ({@link Comms#useTransport}).
 */
@FunctionalInterface
public interface CommTransport {
    /**
     * Sends one message towards the frontend.
     *
     * @param msgType comm_open, comm_msg or comm_close
     * @param content the message's content, as the messaging spec defines it for that type
     * @param metadata the message's metadata (widgets put their protocol version here)
     * @param buffers binary buffers to send after the message
     */
    void send(String msgType, Map<String, Object> content, Map<String, Object> metadata, List<byte[]> buffers);
}
