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
            client.awaitReply(client.execute("1"));
            List<ProcessHandle> executors = kernel.process.descendants().toList();
            assertTrue(!executors.isEmpty(), "the executor JVM runs as a child of the kernel");

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
}
