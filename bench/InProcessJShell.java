import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import jdk.jshell.JShell;

/**
 * The yardstick for Callisto's trivial-cell latency: JShell evaluating in the same JVM ("local" execution),
 * with no Jupyter protocol around it. Run: java bench/InProcessJShell.java [count]
 *
 * <p>With {@code growth} first, the yardstick for a notebook's growth instead: the trivial-cell p50 after 200
 * re-runs of bench.py's RERUN_CELLS (given one a line on stdin) and, in a fresh JShell, after 1,000 distinct
 * declarations, each against the p50 before, as bench.py's session figures measure a kernel.
 */
public class InProcessJShell {
    public static void main(String[] args) throws java.io.IOException {
        if (args.length > 0 && args[0].equals("growth")) {
            List<String> rerunCells = new java.io.BufferedReader(new java.io.InputStreamReader(System.in)).lines().toList();
            growth(rerunCells);
            return;
        }
        int count = args.length > 0 ? Integer.parseInt(args[0]) : 200;
        try (JShell shell = warmedShell()) {
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

    /** A JShell running in this JVM, past its first 20 trivial cells. */
    private static JShell warmedShell() {
        JShell shell = JShell.builder().executionEngine("local").build();
        for (int i = 0; i < 20; i++) {
            shell.eval("1 + " + i);
        }
        return shell;
    }

    /** The p50 of 100 trivial cells, in ms. */
    private static double trivialP50(JShell shell, int offset) {
        List<Double> times = new ArrayList<>();
        for (int i = 0; i < 100; i++) {
            long start = System.nanoTime();
            shell.eval((offset + i) + " + 1");
            times.add((System.nanoTime() - start) / 1e6);
        }
        Collections.sort(times);
        return times.get(times.size() / 2);
    }

    private static void growth(List<String> rerunCells) {
        double reruns;
        try (JShell shell = warmedShell()) {
            double before = trivialP50(shell, 100);
            for (int round = 0; round < 200; round++) {
                rerunCells.forEach(shell::eval);
            }
            reruns = trivialP50(shell, 300) / before;
        }
        double declarations;
        try (JShell shell = warmedShell()) {
            double before = trivialP50(shell, 20);
            for (int i = 0; i < 1000; i++) {
                // bench.py's cell holds both snippets; a kernel evaluates them one by one, as here
                shell.eval("int d" + i + " = " + i + ";");
                shell.eval("int dm" + i + "(int x) { return x + d" + i + "; }");
            }
            declarations = trivialP50(shell, 200) / before;
        }
        System.out.printf("{\"session_growth_200_reruns_of_10_cells_x\": %.2f, \"session_growth_1000_declarations_x\": %.2f}%n",
                reruns, declarations);
    }
}
