package io.callisto.kernel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.callisto.testing.KernelClient;
import io.callisto.testing.KernelProcess;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Ports left at 0 in the connection file: the kernel binds ports the system chooses and writes them back. */
class ConnectionFileIT {
    private static final List<String> PORTS = List.of("shell_port", "iopub_port", "stdin_port", "control_port", "hb_port");

    @TempDir
    Path dir;

    @Test
    void chosenPortsAreDistinctWrittenBackAndServed() throws Exception {
        try (KernelProcess kernel = KernelProcess.start(dir); KernelClient client = kernel.client()) {
            Set<Integer> ports = PORTS.stream().map(p -> kernel.connection.path(p).asInt()).collect(Collectors.toSet());
            assertEquals(5, ports.size(), "five different ports: " + kernel.connection);
            assertTrue(ports.stream().allMatch(p -> p > 0), kernel.connection.toString());
            assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(kernel.connectionFile)),
                    "the rewritten file holds the key: its owner's only");
            assertEquals("2", client.result("1 + 1"));
            assertTrue(kernel.logText().contains("ports chosen"), kernel.logText());
        }
    }

    @Test
    void chosenPortsListenOnTheConnectionFilesIpOnly() throws Exception {
        Path table = Path.of("/proc/net/tcp");
        Assumptions.assumeTrue(Files.isReadable(table), "needs Linux's /proc/net/tcp");
        try (KernelProcess kernel = KernelProcess.start(dir); KernelClient client = kernel.client()) {
            client.result("1");
            // Java may bind 127.0.0.1 on an IPv6 socket, where it shows as ::ffff:127.0.0.1 in tcp6.
            List<String> lines = new java.util.ArrayList<>(Files.readAllLines(table));
            Path table6 = Path.of("/proc/net/tcp6");
            if (Files.isReadable(table6)) {
                lines.addAll(Files.readAllLines(table6));
            }
            for (String port : PORTS) {
                // Columns: sl, local_address (hex ip:port), rem_address, st (0A = LISTEN), ...
                String hexPort = String.format(Locale.ROOT, ":%04X", kernel.connection.path(port).asInt());
                List<String> listening = lines.stream().map(String::strip).map(l -> l.split("\\s+"))
                        .filter(f -> f.length > 3 && f[1].endsWith(hexPort) && f[3].equals("0A"))
                        .map(f -> f[1].replace("0000000000000000FFFF0000", "")).toList();
                assertEquals(List.of("0100007F" + hexPort), listening, port + " listens on 127.0.0.1 only");
            }
        }
    }
}
