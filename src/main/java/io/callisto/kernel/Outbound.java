package io.callisto.kernel;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.callisto.sockets.Channel;
import io.callisto.sockets.KernelSockets;
import io.callisto.wire.Json;
import io.callisto.wire.Message;
import io.callisto.wire.MessageFactory;
import io.callisto.wire.WireCodec;
import java.nio.charset.StandardCharsets;
import java.util.List;

/** Builds, signs and queues the kernel's outgoing messages: replies to a request, and IOPub broadcasts. */
final class Outbound {
    private final KernelSockets sockets;
    private final WireCodec codec;
    private final MessageFactory factory;

    Outbound(KernelSockets sockets, WireCodec codec, MessageFactory factory) {
        this.sockets = sockets;
        this.codec = codec;
        this.factory = factory;
    }

    MessageFactory factory() {
        return factory;
    }

    /** A reply on the request's own channel, routed back to its sender. */
    void reply(Request request, String msgType, Object content, ObjectNode metadata) {
        Message message = factory.create(msgType, request.message(), request.message().identities(), metadata, asObject(content));
        sockets.send(request.channel(), codec.encode(message));
    }

    /** A message on the stdin channel to the client that sent {@code parent} on shell. */
    void stdin(Message parent, String msgType, Object content) {
        Message message = factory.create(msgType, parent, parent.identities(), null, asObject(content));
        sockets.send(Channel.STDIN, codec.encode(message));
    }

    /** An IOPub broadcast; the topic frame reads kernel.&lt;session&gt;.&lt;msg_type&gt; as ipykernel's does. */
    void publish(String msgType, Message parent, Object content) {
        byte[] topic = ("kernel." + factory.session() + "." + msgType).getBytes(StandardCharsets.UTF_8);
        Message message = factory.create(msgType, parent, List.of(topic), null, asObject(content));
        sockets.send(Channel.IOPUB, codec.encode(message));
    }

    /**
     * The signed iopub_welcome for a new IOPub subscription (messaging spec 5.5, JEP 65): no parent, content
     * {@code {"subscription": topic}}. Returned as frames, not queued: the I/O thread sends it at once, so it is the
     * subscriber's first message. Its topic frame is the subscription's own, so that subscriber receives it.
     */
    List<byte[]> welcome(byte[] subscription) {
        String topic = new String(subscription, StandardCharsets.UTF_8);
        byte[] topicFrame = subscription.length > 0
                ? subscription
                : ("kernel." + factory.session() + ".iopub_welcome").getBytes(StandardCharsets.UTF_8);
        Message message = factory.create("iopub_welcome", null, List.of(topicFrame), null,
                Json.toObject(java.util.Map.of("subscription", topic)));
        return codec.encode(message);
    }

    /** An IOPub broadcast with metadata and binary buffers (comm messages carry both). */
    void publish(String msgType, Message parent, ObjectNode content, ObjectNode metadata, List<byte[]> buffers) {
        byte[] topic = ("kernel." + factory.session() + "." + msgType).getBytes(StandardCharsets.UTF_8);
        Message bare = factory.create(msgType, parent, List.of(topic), metadata, content);
        Message message = new Message(bare.identities(), bare.header(), bare.parentHeader(), bare.metadata(), bare.content(),
                List.copyOf(buffers));
        sockets.send(Channel.IOPUB, codec.encode(message));
    }

    private static ObjectNode asObject(Object content) {
        return content instanceof ObjectNode node ? node : Json.toObject(content);
    }
}
