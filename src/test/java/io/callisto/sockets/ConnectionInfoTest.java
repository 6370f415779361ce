package io.callisto.sockets;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.callisto.wire.Json;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.zeromq.ZMQ;

/** Ports left at 0 in a connection file, and the file written back with the ports bound. */
class ConnectionInfoTest {
    @TempDir
    Path dir;

    private static final String FILE = """
            {"transport": "tcp", "ip": "127.0.0.1", "shell_port": 0, "iopub_port": 0, "stdin_port": 0,
             "control_port": 5005, "hb_port": 0, "key": "secret", "signature_scheme": "hmac-sha256",
             "kernel_name": "java", "curve_publickey": "kept as it was"}
            """;

    @Test
    void aZeroPortIsLeftForTheKernelToChoose() throws Exception {
        ConnectionInfo connection = ConnectionInfo.read(Files.writeString(dir.resolve("kernel.json"), FILE));
        assertTrue(connection.hasPortsToChoose());
        assertFalse(connection.withPorts(1, 2, 3, 5005, 4).hasPortsToChoose());
    }

    @Test
    void withoutASecretKeyThereIsNoEncryption() throws Exception {
        ConnectionInfo connection = ConnectionInfo.read(Files.writeString(dir.resolve("kernel.json"), FILE));
        assertFalse(connection.encrypted());
        assertEquals("", connection.curvePublicKey());
    }

    @Test
    void curveKeysAreReadKeptWithThePortsAndNeverShown() throws Exception {
        ZMQ.Curve.KeyPair pair = ZMQ.Curve.generateKeyPair();
        String file = FILE.replace("\"kept as it was\"", "\"" + pair.publicKey + "\", \"curve_secretkey\": \""
                + pair.secretKey + "\"");
        ConnectionInfo connection = ConnectionInfo.read(Files.writeString(dir.resolve("kernel.json"), file));
        assertTrue(connection.encrypted());
        ConnectionInfo bound = connection.withPorts(1, 2, 3, 5005, 4);
        assertEquals(pair.publicKey, bound.curvePublicKey());
        assertEquals(pair.secretKey, bound.curveSecretKey());
        String shown = bound.toString();
        assertFalse(shown.contains(pair.secretKey) || shown.contains(pair.publicKey) || shown.contains("secret"), shown);
        assertTrue(shown.contains("curve=<hidden>"), shown);
    }

    @Test
    void aMalformedSecretKeyIsRefusedWithoutBeingEchoed() throws Exception {
        Path path = Files.writeString(dir.resolve("kernel.json"),
                FILE.replace("\"kept as it was\"", "\"x\", \"curve_secretkey\": \"not-a-z85-key\""));
        IOException refused = assertThrows(IOException.class, () -> ConnectionInfo.read(path));
        assertTrue(refused.getMessage().contains("curve_secretkey"), refused.getMessage());
        assertFalse(refused.getMessage().contains("not-a-z85-key"), refused.getMessage());
    }

    @Test
    void theBoundPortsAreWrittenBackKeepingEveryOtherFieldForTheOwnerOnly() throws Exception {
        Path file = Files.writeString(dir.resolve("kernel.json"), FILE);
        ConnectionInfo.read(file).withPorts(40001, 40002, 40003, 5005, 40004).writePortsTo(file);

        JsonNode written = Json.MAPPER.readTree(file.toFile());
        assertEquals(40001, written.path("shell_port").asInt());
        assertEquals(40002, written.path("iopub_port").asInt());
        assertEquals(40003, written.path("stdin_port").asInt());
        assertEquals(5005, written.path("control_port").asInt());
        assertEquals(40004, written.path("hb_port").asInt());
        assertEquals("secret", written.path("key").asText());
        assertEquals("kept as it was", written.path("curve_publickey").asText());
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(file)));
        try (var left = Files.list(dir)) {
            assertEquals(1, left.count(), "no temporary file left beside it");
        }
    }
}
