package io.callisto;

import io.callisto.engine.EngineConfig;
import io.callisto.engine.JShellEngine;
import io.callisto.history.HistoryStore;
import io.callisto.install.ClassDataTraining;
import io.callisto.install.Installer;
import io.callisto.install.JupyterPaths;
import io.callisto.kernel.Kernel;
import io.callisto.sockets.ConnectionInfo;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Arrays;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Entry point: {@code java -jar callisto.jar CONNECTION_FILE} runs the kernel, as kernel.json says;
 * {@code install} and {@code uninstall} manage the kernelspec (the {@code kernel} script calls these).
 */
public final class Main {
    private static final Logger LOG = Logger.getLogger(Main.class.getName());
    private static final int HISTORY_LIMIT = 10_000;

    private Main() {
    }

    public static void main(String[] args) throws Exception {
        Logs.configure(System.getenv("CALLISTO_LOG_LEVEL"));
        if (args.length == 0 || args[0].equals("--help") || args[0].equals("-h")) {
            System.out.println("usage: java -jar callisto.jar CONNECTION_FILE");
            System.out.println("       java -jar callisto.jar install|uninstall [options]   (see ./kernel --help)");
            return;
        }
        if (args[0].equals(ClassDataTraining.TRAIN_COMMAND)) {
            ClassDataTraining.runWorkload();
            System.exit(0);  // an exit, not a halt: the JVM writes the class-data archive on its way out
        }
        if (args[0].equals("install") || args[0].equals("uninstall")) {
            System.exit(Installer.run(args[0], Arrays.copyOfRange(args, 1, args.length)));
        }
        runKernel(Path.of(args[0]));
    }

    private static void runKernel(Path connectionFile) throws Exception {
        ConnectionInfo connection = ConnectionInfo.read(connectionFile);
        LOG.fine(() -> "connection: " + connection);
        EngineConfig config = EngineConfig.fromEnvironment(System.getenv());
        Kernel kernel = new Kernel(connection, Clock.systemUTC(), openHistory(), streams -> {
            JShellEngine engine = new JShellEngine(config, streams.stdout(), streams.stderr(), streams.display(), streams.stdin(),
                streams.magics());
            engine.runStartupCode();
            engine.keepWarmSpare();
            return engine;
        });
        handleInterruptSignal(kernel);
        // A kernel whose client has gone (killed, say) would run on unseen: it ends when its launcher does.
        ParentWatch.parentOf(System.getenv()).ifPresent(parent -> ParentWatch.watch(parent,
                () -> kernel.shutdownUnasked("the parent process " + parent.pid() + " has ended")));
        Runtime.getRuntime().addShutdownHook(new Thread(kernel::close, "callisto-shutdown"));
        kernel.start();
        if (connection.hasPortsToChoose()) {
            // As ipykernel: a client that left ports to the kernel reads the bound ones back from the file.
            kernel.connection().writePortsTo(connectionFile);
            LOG.info("ports chosen and written to the connection file: " + kernel.connection());
        }
        kernel.awaitShutdown();
        Thread closer = new Thread(kernel::close, "callisto-close");
        closer.setDaemon(true);
        closer.start();
        closer.join(900);
        Runtime.getRuntime().halt(0);
    }

    /** History in CALLISTO_HISTORY_FILE, else in the Jupyter data dir; in memory if neither can be used. */
    private static HistoryStore openHistory() {
        String configured = System.getenv("CALLISTO_HISTORY_FILE");
        Path file = configured != null && !configured.isBlank()
                ? Path.of(configured)
                : JupyterPaths.userDataDir(System.getenv()).resolve("callisto").resolve("history.jsonl");
        try {
            return HistoryStore.open(file, HISTORY_LIMIT);
        } catch (RuntimeException e) {
            LOG.warning("history is kept in memory only: " + e.getMessage());
            return HistoryStore.inMemory();
        }
    }

    /** SIGINT interrupts the running cell, as in ipykernel, instead of ending the JVM. */
    @SuppressWarnings("removal")
    private static void handleInterruptSignal(Kernel kernel) {
        try {
            sun.misc.Signal.handle(new sun.misc.Signal("INT"), signal -> {
                LOG.info("SIGINT: interrupting the running cell, if any");
                kernel.interruptRunningCell();
            });
        } catch (IllegalArgumentException e) {
            LOG.log(Level.FINE, "no SIGINT on this platform", e);
        }
    }
}
