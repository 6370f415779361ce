package io.callisto.kernel;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * usage_reply's content, as ipykernel computes it with psutil: the CPU and memory of the kernel's whole
 * process tree (here the kernel JVM and its executor JVMs), and the host's. Read from /proc where there is
 * one; CPU percentages are over the time since the previous request.
 */
final class Usage {
    private long lastSampleNanos = System.nanoTime();
    private long lastTreeCpuNanos = treeCpuNanos();
    private long[] lastHostTicks = hostTicks();

    synchronized Map<String, Object> sample(int namespaceSize) {
        Map<String, Object> reply = new LinkedHashMap<>();
        reply.put("hostname", hostname());
        reply.put("pid", ProcessHandle.current().pid());
        long now = System.nanoTime();
        long cpu = treeCpuNanos();
        double elapsed = Math.max(1, now - lastSampleNanos);
        reply.put("kernel_cpu", Math.round((cpu - lastTreeCpuNanos) / elapsed * 1000.0) / 10.0);
        lastSampleNanos = now;
        lastTreeCpuNanos = cpu;
        reply.put("kernel_memory", treeResidentBytes());
        reply.put("cpu_count", Runtime.getRuntime().availableProcessors());
        reply.put("host_virtual_memory", hostMemory());
        long[] ticks = hostTicks();
        if (ticks != null && lastHostTicks != null && ticks[1] > lastHostTicks[1]) {
            double busy = (double) (ticks[0] - lastHostTicks[0]) / (ticks[1] - lastHostTicks[1]) * 100;
            if (busy > 0) {
                reply.put("host_cpu_percent", Math.round(busy * 10) / 10.0);
            }
        }
        lastHostTicks = ticks;
        reply.put("namespace_size", namespaceSize);
        return reply;
    }

    private static List<ProcessHandle> tree() {
        return Stream.concat(Stream.of(ProcessHandle.current()), ProcessHandle.current().descendants()).toList();
    }

    private static long treeCpuNanos() {
        return tree().stream().mapToLong(p -> p.info().totalCpuDuration().map(Duration::toNanos).orElse(0L)).sum();
    }

    private static long treeResidentBytes() {
        long total = 0;
        for (ProcessHandle process : tree()) {
            Long kb = procField(Path.of("/proc", Long.toString(process.pid()), "status"), "VmRSS:");
            total += kb == null ? 0 : kb * 1024;
        }
        return total > 0 ? total : Runtime.getRuntime().totalMemory();
    }

    private static Map<String, Object> hostMemory() {
        Map<String, Object> memory = new LinkedHashMap<>();
        Path meminfo = Path.of("/proc/meminfo");
        Long total = procField(meminfo, "MemTotal:");
        Long available = procField(meminfo, "MemAvailable:");
        if (total == null || available == null) {
            com.sun.management.OperatingSystemMXBean os =
                    (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
            long size = os.getTotalMemorySize();
            long free = os.getFreeMemorySize();
            memory.put("total", size);
            memory.put("available", free);
            memory.put("percent", size == 0 ? 0.0 : Math.round((size - free) * 1000.0 / size) / 10.0);
            memory.put("used", size - free);
            memory.put("free", free);
            return memory;
        }
        memory.put("total", total * 1024);
        memory.put("available", available * 1024);
        memory.put("percent", Math.round((total - available) * 1000.0 / total) / 10.0);
        memory.put("used", (total - available) * 1024);
        for (String[] field : new String[][] {{"free", "MemFree:"}, {"active", "Active:"}, {"inactive", "Inactive:"},
                {"buffers", "Buffers:"}, {"cached", "Cached:"}, {"shared", "Shmem:"}}) {
            Long kb = procField(meminfo, field[1]);
            if (kb != null) {
                memory.put(field[0], kb * 1024);
            }
        }
        return memory;
    }

    /** busy and total jiffies of the host, from /proc/stat's first line; null where there is none. */
    private static long[] hostTicks() {
        try {
            String[] cpu = Files.readAllLines(Path.of("/proc/stat")).get(0).trim().split("\\s+");
            long total = 0;
            for (int i = 1; i < cpu.length; i++) {
                total += Long.parseLong(cpu[i]);
            }
            long idle = Long.parseLong(cpu[4]) + (cpu.length > 5 ? Long.parseLong(cpu[5]) : 0);
            return new long[] {total - idle, total};
        } catch (IOException | RuntimeException e) {
            return null;
        }
    }

    /** A kB figure from a /proc file ("VmRSS:   1234 kB"), or null. */
    private static Long procField(Path file, String name) {
        try {
            for (String line : Files.readAllLines(file)) {
                if (line.startsWith(name)) {
                    return Long.parseLong(line.substring(name.length()).trim().split("\\s+")[0]);
                }
            }
        } catch (IOException | RuntimeException e) {
            return null;
        }
        return null;
    }

    private static String hostname() {
        try {
            return InetAddress.getLocalHost().getHostName();
        } catch (IOException e) {
            return "localhost";
        }
    }
}
