package io.callisto.kernel;

import io.callisto.sockets.Channel;
import io.callisto.wire.Message;

/** A verified request and the channel it came on, which is where its reply goes. */
record Request(Channel channel, Message message) {
    String msgType() {
        return message.msgType();
    }

    /** The reply's msg_type: foo_request answers with foo_reply. */
    String replyType() {
        String type = msgType();
        return type.endsWith("_request") ? type.substring(0, type.length() - "_request".length()) + "_reply" : type + "_reply";
    }
}
