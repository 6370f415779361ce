package io.callisto.kernel;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.callisto.engine.Engine;
import io.callisto.magics.CellRunner;
import io.callisto.magics.MagicContext;
import io.callisto.magics.MagicException;
import io.callisto.magics.Magics;
import io.callisto.wire.Json;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The kernel's magics, run for the cell in progress: the magics a cell holds (before its Java code reaches
 * the engine), and those its running code calls with computed arguments ({@code lineMagic(name, args)}), whose
 * output goes to that cell too.
 */
final class CellMagics {
    private static final Logger LOG = Logger.getLogger(CellMagics.class.getName());

    private final Magics magics = new Magics(new io.callisto.dependencies.DependencyResolver(System.getenv()));
    private final Map<String, String> environment = new ConcurrentHashMap<>();
    private final StreamPublisher streams;
    private final Outbound outbound;
    private final Supplier<Engine> engine;
    /** The execution count of the cell in progress, for magics its code calls. */
    private volatile int cellNumber;

    CellMagics(StreamPublisher streams, Outbound outbound, Supplier<Engine> engine) {
        this.streams = streams;
        this.outbound = outbound;
        this.engine = engine;
    }

    /** A cell starts: magics its code calls belong to it. */
    void cellStarted(int count) {
        cellNumber = count;
    }

    /**
     * Runs a cell that holds magics: the magics here, its Java code in the engine.
     *
     * @return the cell's outcome; a failing magic is a MagicError
     */
    Engine.CellOutcome run(Engine cells, String code, int count) {
        try {
            return new CellRunner(magics).run(code, context(cells, count));
        } catch (MagicException e) {
            return new Engine.Failure("MagicError", e.getMessage(), List.of("\u001b[1;31mMagicError\u001b[0m: " + e.getMessage()));
        } catch (Exception e) {
            LOG.log(Level.WARNING, "a magic failed", e);
            return new Engine.Failure("MagicError", String.valueOf(e.getMessage()),
                    List.of("\u001b[1;31mMagicError\u001b[0m: " + e));
        }
    }

    /**
     * Runs a magic the running cell's code called; see {@link io.callisto.engine.MagicRunner#run}.
     *
     * @return the magic's value
     * @throws Exception when there is no such magic or it fails, saying why
     */
    Object runForCell(String name, List<String> args, String body) throws Exception {
        return magics.evaluate(name, args, body, context(engine.get(), cellNumber));
    }

    /** Stops what a magic runs outside the engine (a %%bash process). */
    void interrupt() {
        magics.interrupt();
    }

    private MagicContext context(Engine cells, int count) {
        PrintStream out = new PrintStream(streams.stream("stdout"), true, StandardCharsets.UTF_8);
        PrintStream err = new PrintStream(streams.stream("stderr"), true, StandardCharsets.UTF_8);
        return new MagicContext() {
            @Override
            public Engine engine() {
                return cells;
            }

            @Override
            public PrintStream out() {
                return out;
            }

            @Override
            public PrintStream err() {
                return err;
            }

            @Override
            public int cellNumber() {
                return count;
            }

            @Override
            public Map<String, String> environment() {
                return environment;
            }

            @Override
            public void display(String msgType, Map<String, Object> data, String displayId) {
                streams.flush();
                ObjectNode content = Json.object();
                content.set("data", Json.toObject(data));
                content.putObject("metadata");
                content.putObject("transient").put("display_id", displayId);
                outbound.publish(msgType, streams.parent(), content);
            }
        };
    }
}
