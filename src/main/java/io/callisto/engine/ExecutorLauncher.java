package io.callisto.engine;

import io.callisto.executor.ExecutorMain;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.logging.Logger;
import jdk.jshell.spi.ExecutionControl;
import jdk.jshell.spi.ExecutionControlProvider;
import jdk.jshell.spi.ExecutionEnv;
import jdk.jshell.execution.Util;

/**
 * JShell's execution engine for Callisto: starts the executor JVM ({@link ExecutorMain}) and connects to it
 * over a loopback socket with TCP_NODELAY. The executor is a child of the kernel, so it can be killed with it.
 */
final class ExecutorLauncher implements ExecutionControlProvider {
    private static final Logger LOG = Logger.getLogger(ExecutorLauncher.class.getName());
    private static final int CONNECT_TIMEOUT_MS = 60_000;

    private final EngineConfig config;
    private volatile Process process;

    ExecutorLauncher(EngineConfig config) {
        this.config = config;
    }

    @Override
    public String name() {
        return "callisto-executor";
    }

    /** The executor process of the last generate, or null before. */
    Process process() {
        return process;
    }

    @Override
    public ExecutionControl generate(ExecutionEnv env, Map<String, String> parameters) throws IOException {
        try (ServerSocket listener = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            listener.setSoTimeout(CONNECT_TIMEOUT_MS);
            List<String> command = new ArrayList<>();
            command.add(config.javaHome().resolve("bin").resolve("java").toString());
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
            // An executor that dies before it connects (a bad JVM option) must not leave accept() waiting.
            started.onExit().thenRun(() -> closeQuietly(listener));
            Socket socket;
            try {
                socket = listener.accept();
            } catch (SocketException e) {
                throw new IOException("the executor JVM exited with code " + exitCode(started)
                        + " before it connected; check CALLISTO_JVM_OPTS (" + config.executorOptions() + ")", e);
            }
            socket.setTcpNoDelay(true);
            InputStream fromExecutor = socket.getInputStream();
            OutputStream toExecutor = socket.getOutputStream();
            return Util.remoteInputOutput(fromExecutor, toExecutor,
                    Map.of("out", env.userOut(), "err", env.userErr()),
                    Map.of("in", env.userIn()),
                    (commandIn, commandOut) -> new ExecutorConnection(commandOut, commandIn, started, socket));
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

    private static void closeQuietly(ServerSocket listener) {
        try {
            listener.close();
        } catch (IOException e) {
            // Already closed.
        }
    }
}
