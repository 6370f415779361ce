package io.callisto.engine;

import java.io.IOException;

/**
 * A subshell's lane in the JShell engine: its cells compile in the notebook's JShell (under the compile lock,
 * which a waiting snippet lets go) and run on the subshell's own thread in the executor, reached through a
 * {@link LaneChannel} opened on first use and again when a fresh executor has taken over.
 */
final class EngineLane implements Engine.Lane {
    private final JShellEngine engine;
    private LaneChannel channel;
    private ExecutorConnection openedOn;
    /** A cell of this lane runs. */
    volatile boolean running;
    /** An interrupt came while this lane's cell ran: no further snippet of it starts. */
    volatile boolean interrupted;

    EngineLane(JShellEngine engine) {
        this.engine = engine;
    }

    @Override
    public Engine.CellOutcome execute(String code, int cellNumber, String msgId) {
        return engine.runOnLane(this, code, cellNumber, msgId);
    }

    /** The lane's channel to the executor of {@code session}; called on the subshell's thread only. */
    LaneChannel channelTo(Session session) throws IOException {
        ExecutorConnection connection = session.connection();
        if (channel == null || openedOn != connection || !channel.isOpen()) {
            if (channel != null) {
                openedOn.closeLane(channel);
            }
            channel = null;
            channel = connection.openLane(session.launcher);
            openedOn = connection;
        }
        return channel;
    }

    /** The channel the running (or last) cell used. */
    LaneChannel channel() {
        return channel;
    }

    @Override
    public void close() {
        engine.laneClosed(this);
        if (channel != null) {
            openedOn.closeLane(channel);
            channel = null;
        }
    }
}
