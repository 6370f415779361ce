package io.callisto.kernel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.callisto.testing.KernelClient;
import io.callisto.testing.KernelProcess;
import io.callisto.wire.Json;
import io.callisto.wire.Message;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Messaging protocol 5.5 against the real kernel: version, features and header.subshell_id null (iopub_welcome: tests/). */
class Protocol55IT {
    @TempDir
    static Path dir;
    static KernelProcess kernel;

    @BeforeAll
    static void startKernel() throws Exception {
        kernel = KernelProcess.start(dir);
        try (KernelClient client = kernel.client()) {
            client.awaitReady();
        }
    }

    @AfterAll
    static void stopKernel() throws Exception {
        kernel.close();
    }

    @Test
    void kernelInfoAdvertises55AndItsFeatures() {
        try (KernelClient client = kernel.client()) {
            ObjectNode content = client.awaitReply(client.send(client.shell, client.request("kernel_info_request", Json.object())))
                    .content();
            assertEquals("5.5", content.path("protocol_version").asText());
            List<String> features = new java.util.ArrayList<>();
            content.path("supported_features").forEach(feature -> features.add(feature.asText()));
            assertEquals(List.of("debugger", "kernel subshells"), features);
            assertEquals("5.5", client.shellReplies.get(0).header().path("version").asText());
        }
    }

    /** JupyterLab puts subshell_id null in every header (services kernel/messages.ts): null is the parent shell. */
    private static Message withNullSubshell(KernelClient client, String msgType, ObjectNode content) {
        Message request = client.request(msgType, content);
        request.header().putNull("subshell_id");
        return request;
    }

    private static ObjectNode completeContent() {
        ObjectNode content = Json.object();
        content.put("code", "Math.ab");
        content.put("cursor_pos", 7);
        return content;
    }

    @Test
    void headersWithNullSubshellIdAreAnsweredOnShellAndControl() {
        try (KernelClient client = kernel.client()) {
            client.awaitReady();
            Message info = client.send(client.shell, withNullSubshell(client, "kernel_info_request", Json.object()));
            assertEquals("ok", client.awaitReply(info).content().path("status").asText());

            ObjectNode execute = Json.object();
            execute.put("code", "6 * 7");
            execute.put("silent", false);
            execute.put("store_history", true);
            execute.putObject("user_expressions");
            execute.put("allow_stdin", false);
            execute.put("stop_on_error", true);
            Message run = client.send(client.shell, withNullSubshell(client, "execute_request", execute));
            Message reply = client.awaitReply(run);
            assertEquals("ok", reply.content().path("status").asText());
            assertTrue(reply.parentHeader().has("subshell_id") && reply.parentHeader().get("subshell_id").isNull());
            assertEquals("42", KernelClient.resultText(client.awaitIopub(run)));

            Message complete = client.send(client.shell, withNullSubshell(client, "complete_request", completeContent()));
            ObjectNode completed = client.awaitReply(complete).content();
            assertEquals("ok", completed.path("status").asText());
            assertTrue(completed.path("matches").toString().contains("abs("), completed.toString());

            // Control answers every shell type but execute, as ipykernel's control_msg_types.
            Message infoOnControl = client.send(client.control, withNullSubshell(client, "kernel_info_request", Json.object()));
            assertEquals("ok", client.awaitControlReply(infoOnControl).content().path("status").asText());
            Message completeOnControl = client.send(client.control, withNullSubshell(client, "complete_request", completeContent()));
            ObjectNode completedOnControl = client.awaitControlReply(completeOnControl).content();
            assertEquals("ok", completedOnControl.path("status").asText());
            assertTrue(completedOnControl.path("matches").toString().contains("abs("), completedOnControl.toString());
        }
    }
}
