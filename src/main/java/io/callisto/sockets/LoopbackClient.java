package io.callisto.sockets;

import java.io.IOException;
import java.util.List;
import org.zeromq.SocketType;
import org.zeromq.ZContext;
import org.zeromq.ZMQ;
import org.zeromq.ZMsg;

/**
 * A client's shell socket, for the kernel's own use: the installer's class-data training drives a real
 * kernel over it, so the archive holds the classes of the whole message path. Frames in, frames out;
 * signing is the caller's (wire) business. When the connection carries curve keys it connects as a CurveZMQ
 * client of the kernel.
 */
public final class LoopbackClient implements AutoCloseable {
    private final ZContext context = new ZContext();
    private final ZMQ.Socket shell;

    public LoopbackClient(ConnectionInfo connection, int receiveTimeoutMs) {
        shell = context.createSocket(SocketType.DEALER);
        shell.setReceiveTimeOut(receiveTimeoutMs);
        shell.setLinger(0);
        if (connection.encrypted()) {
            // A CurveZMQ client: it must know the server's public key; its own keypair is fresh.
            ZMQ.Curve.KeyPair mine = ZMQ.Curve.generateKeyPair();
            shell.setCurveServerKey(ZMQ.Curve.z85Decode(connection.curvePublicKey()));
            shell.setCurvePublicKey(ZMQ.Curve.z85Decode(mine.publicKey));
            shell.setCurveSecretKey(ZMQ.Curve.z85Decode(mine.secretKey));
        }
        ConnectingSockets.beforeConnect(shell).connect(connection.endpoint(connection.shellPort()));
    }

    public void send(List<byte[]> frames) {
        ZMsg message = new ZMsg();
        frames.forEach(message::add);
        message.send(shell);
    }

    /** The next message's frames; an IOException when none comes within the receive timeout. */
    public List<byte[]> receive() throws IOException {
        ZMsg message = ZMsg.recvMsg(shell);
        if (message == null) {
            throw new IOException("no reply from the kernel in time");
        }
        return message.stream().map(frame -> frame.getData()).toList();
    }

    @Override
    public void close() {
        context.close();
    }
}
