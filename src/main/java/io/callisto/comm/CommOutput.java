package io.callisto.comm;

import io.callisto.display.DisplayChannel;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

/**
 * System.out or System.err of the executor: what a comm handler prints goes to the kernel as {@code stream}
 * records under the frontend's message ({@link Comms#parentMsgId}), sent at each flush (println flushes);
 * everything else goes on to the cell's stream.
 */
public final class CommOutput extends OutputStream {
    private final OutputStream cellStream;
    private final String name;
    private final ThreadLocal<ByteArrayOutputStream> pending = ThreadLocal.withInitial(ByteArrayOutputStream::new);

    /**
     * @param cellStream where the cell's own output goes
     * @param name the stream's name on IOPub: stdout or stderr
     */
    public CommOutput(OutputStream cellStream, String name) {
        this.cellStream = cellStream;
        this.name = name;
    }

    @Override
    public void write(int b) throws IOException {
        if (Comms.parentMsgId() == null) {
            cellStream.write(b);
        } else {
            pending.get().write(b);
        }
    }

    @Override
    public void write(byte[] bytes, int offset, int length) throws IOException {
        if (Comms.parentMsgId() == null) {
            cellStream.write(bytes, offset, length);
        } else {
            pending.get().write(bytes, offset, length);
        }
    }

    @Override
    public void flush() throws IOException {
        String parent = Comms.parentMsgId();
        ByteArrayOutputStream buffered = pending.get();
        if (buffered.size() > 0) {
            // A thread whose handler has returned still prints under its message (the parent it inherited).
            String text = buffered.toString(StandardCharsets.UTF_8);
            buffered.reset();
            DisplayChannel.sendRecord(CommWire.toJson(new CommWire.Record("stream",
                    Map.of("name", name, "text", text), Map.of(), List.of(), parent)));
        }
        if (parent == null) {
            cellStream.flush();
        }
    }
}
