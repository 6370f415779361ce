package io.callisto.kernel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.callisto.testing.KernelClient;
import io.callisto.testing.KernelProcess;
import io.callisto.wire.Json;
import io.callisto.wire.Message;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Shutdown on control and on shell: a reply, then the kernel and its executor JVM are gone. */
class ShutdownIT {
    @TempDir
    Path dir;

    @Test
    void shutdownOnControlRepliesThenExitsWithItsExecutor() throws Exception {
        assertShutsDown(false);
    }

    @Test
    void shutdownOnShellIsAcceptedToo() throws Exception {
        assertShutsDown(true);
    }

    private void assertShutsDown(boolean onShell) throws Exception {
        try (KernelProcess kernel = KernelProcess.start(dir); KernelClient client = kernel.client()) {
            List<ProcessHandle> executors = executorsAfterACell(kernel, client);

            ObjectNode content = Json.object();
            content.put("restart", false);
            Message request = client.send(onShell ? client.shell : client.control, client.request("shutdown_request", content));
            Message reply = onShell ? client.awaitReply(request) : client.awaitControlReply(request);
            assertEquals("ok", reply.content().path("status").asText());
            assertEquals(false, reply.content().path("restart").asBoolean());
            client.await(client.iopubMessages, m -> KernelClient.isChild(m, request) && m.msgType().equals("shutdown_reply"));

            Awaitility.await().atMost(Duration.ofSeconds(2)).until(() -> !kernel.process.isAlive());
            assertEquals(0, kernel.process.exitValue());
            Awaitility.await().atMost(Duration.ofSeconds(5)).until(() -> executors.stream().noneMatch(ProcessHandle::isAlive));
        }
    }

    @Test
    void sigtermEndsTheKernelAndEveryExecutor() throws Exception {
        assertSignalLeavesNoProcess("TERM");
    }

    @Test
    void killNineLeavesNoExecutorBehind() throws Exception {
        assertSignalLeavesNoProcess("KILL");
    }

    private void assertSignalLeavesNoProcess(String signal) throws Exception {
        try (KernelProcess kernel = KernelProcess.start(dir); KernelClient client = kernel.client()) {
            List<ProcessHandle> executors = executorsAfterACell(kernel, client);
            new ProcessBuilder("kill", "-" + signal, Long.toString(kernel.process.pid())).start().waitFor();
            Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> !kernel.process.isAlive());
            // After kill -9 nothing runs in the kernel: each executor sees its stdin pipe close and ends itself.
            Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> executors.stream().noneMatch(ProcessHandle::isAlive));
        }
    }

    /** The kernel's child JVMs once a cell has run: its executor and the warm spare, which starts after the cell. */
    private static List<ProcessHandle> executorsAfterACell(KernelProcess kernel, KernelClient client) {
        client.awaitReply(client.execute("1"));
        Awaitility.await().atMost(KernelClient.TIMEOUT).until(() -> kernel.process.children().count() >= 2);
        return kernel.process.descendants().toList();
    }
}
