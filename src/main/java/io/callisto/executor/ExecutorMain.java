package io.callisto.executor;

import java.io.BufferedOutputStream;
import java.io.FileDescriptor;
import java.io.FileInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.function.Consumer;
import io.callisto.comm.CommDispatcher;
import io.callisto.comm.CommOutput;
import io.callisto.display.DisplayChannel;
import io.callisto.spark.ReplClassDirectory;
import io.callisto.spark.SparkWatch;
import jdk.jshell.execution.Util;

/**
 * The executor JVM, where cells run: it connects back to the kernel on a loopback socket with Nagle's
 * algorithm off (JShell's own agent leaves it on and pays ~200 ms a snippet), then serves JShell's execution
 * protocol on it. It exits when the kernel goes, however the kernel went: the kernel holds this process's
 * stdin pipe open, so end of file there means the kernel is gone.
 */
public final class ExecutorMain {
    private ExecutorMain() {
    }

    /**
     * The reserved class-name prefix of Callisto's own commands to the executor. They travel as JShell's invoke
     * of such a class name, with the argument as the method name: JShell's stream protocol has no client side
     * for extension commands. ExecutorControl answers them.
     */
    public static final String COMMAND_PREFIX = "callisto.";
    /** Names the execute_request about to run: its msg_id is the argument. */
    public static final String CELL_COMMAND = COMMAND_PREFIX + "cell";
    /** Renders the last snippet's value, the parent shell's cell result, for its execute_result. */
    public static final String RENDER_COMMAND = COMMAND_PREFIX + "render";
    /** Ends a subshell's cell: its output is sent, then an output_end mark under the msg_id argument. */
    public static final String OUTPUT_END_COMMAND = COMMAND_PREFIX + "outputEnd";

    /** How long a session's SparkContext may take to stop as this JVM ends, in ms. */
    private static final long SPARK_STOP_MS = 10_000;

    /** Set (to the archive's path) in the installer's training run; see io.callisto.engine.ClassDataArchive. */
    private static final String TRAINING_PROPERTY = "callisto.executorArchiveAtExit";

    public static void main(String[] args) throws IOException {
        int port = Integer.parseInt(args[0]);
        ignoreInterruptSignal();
        exitWhenKernelExits();
        DebugProbe.start();
        ReplClassDirectory.start();

        Socket commands = connect(port, StdinProtocol.COMMAND_SOCKET);
        Socket answers = connect(port, StdinProtocol.ANSWER_SOCKET);
        Socket nested = connect(port, StdinProtocol.NESTED_SOCKET);
        Socket comms = connect(port, StdinProtocol.COMM_SOCKET);
        BatchingOutputStream[] streams = new BatchingOutputStream[2];
        Runnable sendOutput = () -> {
            for (BatchingOutputStream stream : streams) {
                try {
                    stream.sendNow();
                } catch (IOException e) {
                    // The kernel has gone; nothing to send to.
                }
            }
        };
        ExecutorControl control = new ExecutorControl(sendOutput);
        Map<String, Consumer<OutputStream>> outputs = Map.of(
                "out", raw -> System.setOut(printStream(new CommOutput(
                        streams[0] = new BatchingOutputStream(raw, "callisto-stdout"), "stdout"))),
                "err", raw -> System.setErr(printStream(new CommOutput(
                        streams[1] = new BatchingOutputStream(raw, "callisto-stderr"), "stderr"))),
                StdinProtocol.REQUEST_STREAM, raw -> System.setIn(new CellInput(raw, inputOf(answers), sendOutput)),
                // The comm thread starts with the channel its records go back on; the kernel forwards nothing
                // before the session is up, by when every stream here is in place.
                DisplayChannel.STREAM, raw -> {
                    DisplayChannel.connect(raw, sendOutput);
                    CommDispatcher.start(inputOf(comms));
                },
                NestedProtocol.REQUEST_STREAM, raw -> NestedCalls.connect(raw, nested, control, sendOutput));
        // MultiplexingOutputStream writes 127-byte packets and flushes after each write: buffer them into one.
        // Subshells' lanes: the kernel connects one per subshell, on demand, to a port announced here.
        LaneServer.start(connect(port, StdinProtocol.LANE_SOCKET), control);
        OutputStream toKernel = new BufferedOutputStream(commands.getOutputStream(), 1 << 16);
        Util.forwardExecutionControlAndIO(control, commands.getInputStream(), toKernel,
                outputs, Map.of());
        end();
    }

    /** Ends this JVM at once (user code's shutdown hooks do not hold it up), when JShell closes the session. */
    static void end() {
        SparkWatch.stopContext(SPARK_STOP_MS);
        if (System.getProperty(TRAINING_PROPERTY) != null) {
            System.exit(0);  // the installer's training run: an exit writes the class-data archive, a halt does not
        }
        Runtime.getRuntime().halt(0);
    }

    private static Socket connect(int port, byte role) throws IOException {
        Socket socket = new Socket(InetAddress.getLoopbackAddress(), port);
        socket.setTcpNoDelay(true);
        socket.getOutputStream().write(role);
        socket.getOutputStream().flush();
        return socket;
    }

    private static InputStream inputOf(Socket socket) {
        try {
            return socket.getInputStream();
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private static PrintStream printStream(OutputStream stream) {
        return new PrintStream(stream, true, StandardCharsets.UTF_8);
    }

    /** The kernel handles interrupts; a SIGINT sent to the whole process group must not end this JVM. */
    @SuppressWarnings("removal")
    private static void ignoreInterruptSignal() {
        try {
            sun.misc.Signal.handle(new sun.misc.Signal("INT"), signal -> { });
        } catch (IllegalArgumentException e) {
            // No SIGINT on this platform.
        }
    }

    private static void exitWhenKernelExits() {
        InputStream kernelPipe = new FileInputStream(FileDescriptor.in);
        Thread watcher = new Thread(() -> {
            try {
                while (kernelPipe.read() >= 0) {
                    // The kernel never writes here; only end of file matters.
                }
            } catch (IOException e) {
                // Treated like end of file.
            }
            SparkWatch.stopContext(SPARK_STOP_MS);
            Runtime.getRuntime().halt(0);
        }, "callisto-kernel-watch");
        watcher.setDaemon(true);
        watcher.start();
    }
}
