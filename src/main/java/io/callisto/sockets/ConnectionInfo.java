package io.callisto.sockets;

import com.fasterxml.jackson.databind.JsonNode;
import io.callisto.wire.Json;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The connection file a Jupyter client writes for the kernel: where to bind and how to sign.
 * toString leaves the key out, so the record can be logged.
 */
public record ConnectionInfo(
        String transport,
        String ip,
        int shellPort,
        int iopubPort,
        int stdinPort,
        int controlPort,
        int hbPort,
        String key,
        String signatureScheme,
        String kernelName) {

    public static ConnectionInfo read(Path file) throws IOException {
        JsonNode json = Json.MAPPER.readTree(file.toFile());
        if (json == null || !json.isObject()) {
            throw new IOException("connection file " + file + " is not a JSON object");
        }
        return new ConnectionInfo(
                json.path("transport").asText("tcp"),
                json.path("ip").asText("127.0.0.1"),
                port(json, "shell_port"),
                port(json, "iopub_port"),
                port(json, "stdin_port"),
                port(json, "control_port"),
                port(json, "hb_port"),
                json.path("key").asText(""),
                json.path("signature_scheme").asText("hmac-sha256"),
                json.path("kernel_name").asText(""));
    }

    private static int port(JsonNode json, String field) throws IOException {
        JsonNode port = json.get(field);
        if (port == null || !port.canConvertToInt()) {
            throw new IOException("connection file has no integer '" + field + "'");
        }
        return port.asInt();
    }

    /** The ZeroMQ endpoint for a port, as ipykernel forms it: tcp://ip:port, or ipc://ip-port. */
    public String endpoint(int port) {
        return "ipc".equals(transport) ? "ipc://" + ip + "-" + port : transport + "://" + ip + ":" + port;
    }

    @Override
    public String toString() {
        return "ConnectionInfo[" + transport + "://" + ip + " shell=" + shellPort + " iopub=" + iopubPort
                + " stdin=" + stdinPort + " control=" + controlPort + " hb=" + hbPort
                + " scheme=" + signatureScheme + " key=" + (key.isEmpty() ? "none" : "<hidden>") + "]";
    }
}
