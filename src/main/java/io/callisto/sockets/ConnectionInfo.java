package io.callisto.sockets;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.callisto.wire.Json;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/**
 * The connection file a Jupyter client writes for the kernel: where to bind and how to sign. A port of 0
 * asks the kernel to choose one, as ipykernel reads it; the kernel then writes the ports it bound back
 * into the file. With {@code curve_secretkey} (and {@code curve_publickey}), both Z85, as jupyter_client 8.9+
 * writes them when transport encryption is on, every socket runs as a CurveZMQ server with that keypair;
 * empty strings mean no encryption. toString leaves the HMAC key and the curve keys out, so the record can
 * be logged.
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
        String kernelName,
        String curvePublicKey,
        String curveSecretKey) {

    /** Length of a Z85-encoded 32-byte CurveZMQ key. */
    static final int Z85_KEY_LENGTH = 40;
    private static final String Z85_ALPHABET =
            "0123456789abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ.-:+=^!/*?&<>()[]{}@%$#";

    public ConnectionInfo {
        curvePublicKey = curvePublicKey == null ? "" : curvePublicKey;
        curveSecretKey = curveSecretKey == null ? "" : curveSecretKey;
    }

    /** A connection without transport encryption. */
    public ConnectionInfo(String transport, String ip, int shellPort, int iopubPort, int stdinPort, int controlPort,
            int hbPort, String key, String signatureScheme, String kernelName) {
        this(transport, ip, shellPort, iopubPort, stdinPort, controlPort, hbPort, key, signatureScheme, kernelName,
                "", "");
    }

    public static ConnectionInfo read(Path file) throws IOException {
        JsonNode json = Json.MAPPER.readTree(file.toFile());
        if (json == null || !json.isObject()) {
            throw new IOException("connection file " + file + " is not a JSON object");
        }
        // Without the secret key there is no encryption, and a public key alone is ignored.
        String secret = curveKey(json, "curve_secretkey");
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
                json.path("kernel_name").asText(""),
                secret.isEmpty() ? "" : curveKey(json, "curve_publickey"),
                secret);
    }

    /** A curve key field: "" when absent or null; an IOException, naming the field but never the value, when not Z85. */
    private static String curveKey(JsonNode json, String field) throws IOException {
        JsonNode value = json.get(field);
        if (value == null || value.isNull()) {
            return "";
        }
        String key = value.asText("");
        if (!isZ85Key(key)) {
            throw new IOException("connection file's '" + field + "' is not a " + Z85_KEY_LENGTH
                    + "-character Z85 CurveZMQ key");
        }
        return key;
    }

    static boolean isZ85Key(String key) {
        if (key.length() != Z85_KEY_LENGTH) {
            return false;
        }
        for (int i = 0; i < key.length(); i++) {
            if (Z85_ALPHABET.indexOf(key.charAt(i)) < 0) {
                return false;
            }
        }
        return true;
    }

    /** Whether the sockets run as CurveZMQ servers: the connection file gave the server's secret key. */
    public boolean encrypted() {
        return !curveSecretKey.isEmpty();
    }

    private static int port(JsonNode json, String field) throws IOException {
        JsonNode port = json.get(field);
        if (port == null || !port.canConvertToInt()) {
            throw new IOException("connection file has no integer '" + field + "'");
        }
        return port.asInt();
    }

    /** Whether any port is 0, left for the kernel to choose. */
    public boolean hasPortsToChoose() {
        return shellPort == 0 || iopubPort == 0 || stdinPort == 0 || controlPort == 0 || hbPort == 0;
    }

    /** This connection with other ports: the ones bound. */
    public ConnectionInfo withPorts(int shell, int iopub, int stdin, int control, int hb) {
        return new ConnectionInfo(transport, ip, shell, iopub, stdin, control, hb, key, signatureScheme, kernelName,
                curvePublicKey, curveSecretKey);
    }

    /**
     * Writes this connection's ports into the connection file, keeping its other fields, as ipykernel
     * does after choosing ports. The file is replaced in one rename, so a reader never sees half of it,
     * and the new file is readable by its owner only (the key is in it).
     *
     * @throws IOException if the file cannot be read or replaced
     */
    public void writePortsTo(Path file) throws IOException {
        JsonNode json = Json.MAPPER.readTree(file.toFile());
        if (!(json instanceof ObjectNode fields)) {
            throw new IOException("connection file " + file + " is not a JSON object");
        }
        fields.put("shell_port", shellPort);
        fields.put("iopub_port", iopubPort);
        fields.put("stdin_port", stdinPort);
        fields.put("control_port", controlPort);
        fields.put("hb_port", hbPort);
        Path absolute = file.toAbsolutePath();
        // createTempFile makes the file rw------- on POSIX systems.
        Path written = Files.createTempFile(absolute.getParent(), ".callisto-connection-", ".json");
        try {
            Files.writeString(written, Json.MAPPER.writerWithDefaultPrettyPrinter().writeValueAsString(fields));
            Files.move(written, absolute, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } finally {
            Files.deleteIfExists(written);
        }
    }

    /** The ZeroMQ endpoint for a port, as ipykernel forms it: tcp://ip:port, or ipc://ip-port. */
    public String endpoint(int port) {
        return "ipc".equals(transport) ? "ipc://" + ip + "-" + port : transport + "://" + ip + ":" + port;
    }

    @Override
    public String toString() {
        return "ConnectionInfo[" + transport + "://" + ip + " shell=" + shellPort + " iopub=" + iopubPort
                + " stdin=" + stdinPort + " control=" + controlPort + " hb=" + hbPort
                + " scheme=" + signatureScheme + " key=" + (key.isEmpty() ? "none" : "<hidden>")
                + " curve=" + (encrypted() ? "<hidden>" : "none") + "]";
    }
}
