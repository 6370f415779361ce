package io.callisto.engine;

import com.sun.jdi.Bootstrap;
import com.sun.jdi.VirtualMachine;
import com.sun.jdi.connect.Connector;
import com.sun.jdi.connect.IllegalConnectorArgumentsException;
import com.sun.jdi.connect.ListeningConnector;
import io.callisto.KernelTempDirs;
import io.callisto.display.DisplayChannel;
import io.callisto.executor.ExecutorMain;
import io.callisto.executor.NestedProtocol;
import io.callisto.executor.StdinProtocol;
import io.callisto.spark.launch.SparkLaunch;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.logging.Logger;
import jdk.jshell.spi.ExecutionControl;
import jdk.jshell.spi.ExecutionControlProvider;
import jdk.jshell.spi.ExecutionEnv;
import jdk.jshell.execution.Util;

/**
 * JShell's execution engine for Callisto: starts the executor JVM ({@link ExecutorMain}) and connects to it
 * six ways, all on loopback: JShell's command socket (TCP_NODELAY), the socket that answers stdin reads,
 * the nested socket that carries JShell's commands for an eval a running cell calls ({@link NestedEval}),
 * the socket that carries the frontend's comm messages to the executor's comm thread, the socket on which the
 * executor announces where subshells' lanes connect ({@link LaneChannel}), and a JDI debugger connection, which stops a running cell, redefines classes in place and serves the
 * notebook debugger ({@link DebugTarget}). The executor is a child of the kernel.
 */
final class ExecutorLauncher implements ExecutionControlProvider {
    /** Every executor JVM this kernel started that has not ended yet. */
    private static final Set<Process> LIVE = ConcurrentHashMap.newKeySet();

    private static final Logger LOG = Logger.getLogger(ExecutorLauncher.class.getName());
    private static final int CONNECT_TIMEOUT_MS = 60_000;

    private final EngineConfig config;
    private final InputSource input;
    private final OutputStream display;
    private final NestedEval.Services nestedServices;
    private final DebugTarget debugTarget;
    private volatile Process process;
    private volatile ExecutorConnection connection;
    private volatile NestedEval nested;
    private volatile OutputStream comms;
    /** Where subshells' lanes connect to this executor (io.callisto.executor.LaneServer), and its token. */
    private volatile int lanePort = -1;
    private volatile byte[] laneToken;

    ExecutorLauncher(EngineConfig config, InputSource input, OutputStream display, NestedEval.Services nestedServices,
            DebugTarget debugTarget) {
        this.config = config;
        this.debugTarget = debugTarget;
        this.input = input;
        this.display = display;
        this.nestedServices = nestedServices;
    }

    @Override
    public String name() {
        return "callisto-executor";
    }

    /** The executor process of the last generate, or null before. */
    Process process() {
        return process;
    }

    /** The connection to the executor of the last generate, or null before. */
    ExecutorConnection connection() {
        return connection;
    }

    /**
     * Writes one framed comm record to the executor's comm socket (see io.callisto.comm.CommWire).
     *
     * @throws java.io.IOException when the executor is gone
     */
    void sendComm(byte[] framedRecord) throws IOException {
        OutputStream out = comms;
        if (out == null) {
            throw new IOException("the executor has no comm socket yet");
        }
        synchronized (out) {
            out.write(framedRecord);
            out.flush();
        }
    }

    /**
     * Opens a subshell's lane to the executor of the last generate.
     *
     * @throws IOException when the executor is gone or has no lane port
     */
    LaneChannel openLane() throws IOException {
        if (lanePort < 0) {
            throw new IOException("the executor announced no lane port");
        }
        return LaneChannel.connect(lanePort, laneToken);
    }

    /** Lets the executor's evals run in {@code shell}, the JShell this launcher's executor serves. */
    void serveEvals(jdk.jshell.JShell shell) {
        nested.attach(shell, connection);
    }

    @Override
    public ExecutionControl generate(ExecutionEnv env, Map<String, String> parameters) throws IOException {
        // A JVM writing a class-data archive refuses debugger agents, and the installer's training run
        // never interrupts a cell: that executor alone goes without the debugger connection.
        boolean debuggable = !ClassDataArchive.creating();
        ListeningConnector debugger = socketListenConnector();
        Map<String, Connector.Argument> debuggerArgs = debugger.defaultArguments();
        debuggerArgs.get("localAddress").setValue("127.0.0.1");
        debuggerArgs.get("port").setValue("0");
        debuggerArgs.get("timeout").setValue(Integer.toString(CONNECT_TIMEOUT_MS));
        String debuggerAddress = null;
        try {
            if (debuggable) {
                debuggerAddress = debugger.startListening(debuggerArgs);
            }
        } catch (IllegalConnectorArgumentsException e) {
            throw new IOException("cannot listen for the executor's debugger connection", e);
        }
        // Room for all five of the executor's connections: with a backlog of 1, a connect that found the queue
        // full (the kernel busy, not yet accepting) was dropped, and TCP sent it again a second later.
        try (ServerSocket listener = new ServerSocket(0, 8, InetAddress.getLoopbackAddress())) {
            listener.setSoTimeout(CONNECT_TIMEOUT_MS);
            List<String> command = new ArrayList<>();
            command.add(config.javaHome().resolve("bin").resolve("java").toString());
            // The debugger connection is how interrupts stop a running cell (see ExecutorConnection.stop).
            if (debuggable) {
                command.add("-agentlib:jdwp=transport=dt_socket,server=n,suspend=n,quiet=y,address=" + debuggerAddress);
            }
            // Images render off screen; a cell's own options come after and may say otherwise.
            command.add("-Djava.awt.headless=true");
            command.addAll(ClassDataArchive.executorOptions());
            // Spark's JVM options, and where this executor writes the notebook's classes for Spark's executors.
            Path classDirectory = SparkLaunch.newClassDirectory();
            command.addAll(SparkLaunch.executorOptions(Runtime.version().feature(), classDirectory));  // the kernel's JDK (EngineConfig)
            command.addAll(env.extraRemoteVMOptions());
            command.add("-cp");
            command.add(System.getProperty("java.class.path"));
            command.add(ExecutorMain.class.getName());
            command.add(Integer.toString(listener.getLocalPort()));
            LOG.fine(() -> "starting the executor: " + command);
            Process started = new ProcessBuilder(command)
                    .redirectOutput(ProcessBuilder.Redirect.INHERIT)
                    .redirectError(ProcessBuilder.Redirect.INHERIT)
                    .start();
            process = started;
            LIVE.add(started);
            started.onExit().thenRun(() -> {
                LIVE.remove(started);
                KernelTempDirs.delete(classDirectory);
            });
            // An executor that dies before it connects (a bad JVM option) must not leave accept() waiting.
            started.onExit().thenRun(() -> {
                closeQuietly(listener);
                if (debuggable) {
                    stopListening(debugger, debuggerArgs);
                }
            });
            VirtualMachine vm = null;
            if (debuggable) {
                try {
                    vm = debugger.accept(debuggerArgs);
                } catch (IOException | IllegalConnectorArgumentsException e) {
                    throw new IOException("the executor JVM exited with code " + exitCode(started)
                            + " before it connected; check CALLISTO_JVM_OPTS (" + config.executorOptions() + ")", e);
                } finally {
                    stopListening(debugger, debuggerArgs);
                }
                // Drains JDI's event queue so the debugger connection never backs up; a debugger gets the events.
                JdiEvents.pump(vm, debugTarget);
            }
            VirtualMachine debuggee = vm;
            Socket commands = null;
            Socket answers = null;
            Socket nestedSocket = null;
            Socket commSocket = null;
            Socket laneSocket = null;
            try {
                for (int i = 0; i < 5; i++) {
                    Socket socket = listener.accept();
                    socket.setTcpNoDelay(true);
                    int role = socket.getInputStream().read();
                    if (role == StdinProtocol.COMMAND_SOCKET) {
                        commands = socket;
                    } else if (role == StdinProtocol.ANSWER_SOCKET) {
                        answers = socket;
                    } else if (role == StdinProtocol.NESTED_SOCKET) {
                        nestedSocket = socket;
                    } else if (role == StdinProtocol.COMM_SOCKET) {
                        commSocket = socket;
                    } else if (role == StdinProtocol.LANE_SOCKET) {
                        laneSocket = socket;
                        java.io.DataInputStream announced = new java.io.DataInputStream(socket.getInputStream());
                        int port = announced.readInt();
                        byte[] token = new byte[32];
                        announced.readFully(token);
                        laneToken = token;
                        lanePort = port;
                    } else {
                        socket.close();
                        throw new IOException("an unexpected connection reached the executor's port");
                    }
                }
            } catch (SocketException e) {
                throw new IOException("the executor JVM exited with code " + exitCode(started)
                        + " before it connected; check CALLISTO_JVM_OPTS (" + config.executorOptions() + ")", e);
            }
            if (commands == null || answers == null || nestedSocket == null || commSocket == null || laneSocket == null) {
                throw new IOException("the executor connected twice for the same purpose");
            }
            comms = new BufferedOutputStream(commSocket.getOutputStream(), 1 << 16);
            Socket commandSocket = commands;
            NestedEval evals = new NestedEval(nestedSocket, started, nestedServices);
            nested = evals;
            OutputStream toExecutor = new BufferedOutputStream(commands.getOutputStream(), 1 << 16);
            return Util.remoteInputOutput(commands.getInputStream(), toExecutor,
                    Map.of("out", env.userOut(), "err", env.userErr(), DisplayChannel.STREAM, display,
                            StdinProtocol.REQUEST_STREAM, new StdinService(input, answers, started),
                            NestedProtocol.REQUEST_STREAM, evals),
                    Map.of(),
                    (commandIn, commandOut) -> connection =
                            new ExecutorConnection(commandOut, commandIn, started, commandSocket, debuggee, evals, debugTarget));
        }
    }

    private static int exitCode(Process process) {
        try {
            return process.waitFor();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return -1;
        }
    }

    private static ListeningConnector socketListenConnector() throws IOException {
        for (ListeningConnector connector : Bootstrap.virtualMachineManager().listeningConnectors()) {
            if (connector.name().equals("com.sun.jdi.SocketListen")) {
                return connector;
            }
        }
        throw new IOException("this JDK has no JDI socket connector (module jdk.jdi)");
    }

    private static void stopListening(ListeningConnector connector, Map<String, Connector.Argument> args) {
        try {
            connector.stopListening(args);
        } catch (IOException | IllegalConnectorArgumentsException | IllegalArgumentException e) {
            // Already stopped.
        }
    }

    /**
     * Kills every executor JVM still alive: called last when the engine closes, so that one still starting (the
     * warm spare) does not outlive the kernel, where its debug agent would print transport errors on stderr.
     */
    static void killRemaining() {
        LIVE.forEach(Process::destroyForcibly);
    }

    private static void closeQuietly(ServerSocket listener) {
        try {
            listener.close();
        } catch (IOException e) {
            // Already closed.
        }
    }
}
