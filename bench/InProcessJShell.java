import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import jdk.jshell.JShell;

/**
 * The yardstick for Callisto's trivial-cell latency: JShell evaluating in the same JVM ("local" execution),
 * with no Jupyter protocol around it. Run: java bench/InProcessJShell.java [count]
 */
public class InProcessJShell {
    public static void main(String[] args) {
        int count = args.length > 0 ? Integer.parseInt(args[0]) : 200;
        try (JShell shell = JShell.builder().executionEngine("local").build()) {
            for (int i = 0; i < 20; i++) {
                shell.eval("1 + " + i);
            }
            List<Double> times = new ArrayList<>();
            for (int i = 0; i < count; i++) {
                long start = System.nanoTime();
                shell.eval("1 + " + i);
                times.add((System.nanoTime() - start) / 1e6);
            }
            Collections.sort(times);
            System.out.printf("{\"in_process_jshell_p50_ms\": %.1f, \"in_process_jshell_p90_ms\": %.1f}%n",
                    times.get(times.size() / 2), times.get(times.size() * 9 / 10));
        }
    }
}
