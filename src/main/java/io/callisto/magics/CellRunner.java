package io.callisto.magics;

import io.callisto.engine.Engine;
import io.callisto.engine.Engine.CellOutcome;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Runs a cell that may hold magics. A cell headed by {@code %%name} belongs to that cell magic. Otherwise
 * each line {@code %name args} runs where it stands, between the Java code before and after it, which runs
 * in the engine with the magic lines blanked so error line numbers still match the cell's. The first
 * failure ends the cell.
 */
public final class CellRunner {
    private static final Pattern MAGIC_LINE = Pattern.compile("^\\s*%(%?)([A-Za-z][\\w-]*)\\s*(.*)$");

    private final Magics magics;

    public CellRunner(Magics magics) {
        this.magics = magics;
    }

    /** Whether the cell holds a magic at all; cells without go straight to the engine. */
    public static boolean hasMagic(String code) {
        for (String line : code.split("\n", -1)) {
            if (MAGIC_LINE.matcher(line).matches()) {
                return true;
            }
        }
        return false;
    }

    public CellOutcome run(String code, MagicContext context) throws Exception {
        String[] lines = code.split("\n", -1);
        int first = 0;
        while (first < lines.length && lines[first].isBlank()) {
            first++;
        }
        if (first < lines.length) {
            Matcher head = MAGIC_LINE.matcher(lines[first]);
            if (head.matches() && !head.group(1).isEmpty()) {
                String body = String.join("\n", java.util.Arrays.copyOfRange(lines, first + 1, lines.length));
                return magics.cellMagic(head.group(2)).run(head.group(3).strip(), body, context);
            }
        }
        CellOutcome outcome = new Engine.Success(null);
        List<String> pending = new ArrayList<>();
        int pendingStart = 0;
        for (int i = 0; i < lines.length; i++) {
            Matcher magic = MAGIC_LINE.matcher(lines[i]);
            if (!magic.matches()) {
                if (pending.isEmpty()) {
                    pendingStart = i;
                }
                pending.add(lines[i]);
                continue;
            }
            if (!magic.group(1).isEmpty()) {
                throw new MagicException("%%" + magic.group(2) + " must be the first line of its cell");
            }
            outcome = runCode(pending, pendingStart, context);
            pending.clear();
            if (outcome instanceof Engine.Failure) {
                return outcome;
            }
            outcome = magics.lineMagic(magic.group(2)).run(magic.group(3).strip(), null, context);
            if (outcome instanceof Engine.Failure) {
                return outcome;
            }
        }
        return pending.stream().allMatch(String::isBlank) ? outcome : runCode(pending, pendingStart, context);
    }

    /** Java code from line {@code start} on, preceded by blank lines so its line numbers are the cell's. */
    private static CellOutcome runCode(List<String> lines, int start, MagicContext context) {
        if (lines.stream().allMatch(String::isBlank)) {
            return new Engine.Success(null);
        }
        String code = "\n".repeat(start) + String.join("\n", lines);
        return context.engine().execute(code, context.cellNumber());
    }
}
