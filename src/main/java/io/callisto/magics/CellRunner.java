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
 * in the engine with the magic lines blanked so error line numbers still match the cell's. A magic used as a
 * value inside Java code ({@link InlineMagics}) runs before its line is compiled and its value takes its
 * place. The first failure ends the cell.
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
            if (MAGIC_LINE.matcher(line).matches() || InlineMagics.hasUse(line)) {
                return true;
            }
        }
        return false;
    }

    /**
     * Runs the cell: its magics in the kernel, its Java code in the context's engine.
     *
     * @return the outcome of the last part that ran: the first failure, or the last success
     * @throws MagicException when a magic is unknown, misplaced or fails; an inline magic's message names its line
     * @throws Exception when a magic fails otherwise
     */
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
            boolean magicLine = magic.matches();
            List<InlineMagics.Use> uses = magicLine ? List.of() : InlineMagics.find(lines[i], false);
            if (!magicLine && uses.isEmpty()) {
                if (pending.isEmpty()) {
                    pendingStart = i;
                }
                pending.add(lines[i]);
                continue;
            }
            // A statement begun above and left open: this line finishes it, so the Java above waits for it.
            boolean open = unfinished(pending, context);
            if (magicLine && open && magic.group(1).isEmpty()) {
                uses = InlineMagics.find(lines[i], true);
            }
            if (uses.isEmpty() && !magic.group(1).isEmpty()) {
                throw new MagicException("%%" + magic.group(2) + " must be the first line of its cell");
            }
            if (uses.isEmpty() || !open) {
                outcome = runCode(pending, pendingStart, context);
                pending.clear();
                if (outcome instanceof Engine.Failure) {
                    return outcome;
                }
            }
            if (uses.isEmpty()) {
                outcome = magics.lineMagic(magic.group(2)).run(magic.group(3).strip(), null, context);
                if (outcome instanceof Engine.Failure) {
                    return outcome;
                }
                continue;
            }
            if (pending.isEmpty()) {
                pendingStart = i;
            }
            pending.add(substitute(lines[i], i + 1, uses, context));
        }
        return pending.stream().allMatch(String::isBlank) ? outcome : runCode(pending, pendingStart, context);
    }

    /** The line with each inline magic run and replaced by its value. */
    private String substitute(String line, int lineNumber, List<InlineMagics.Use> uses, MagicContext context)
            throws MagicException {
        StringBuilder out = new StringBuilder();
        int position = 0;
        for (InlineMagics.Use use : uses) {
            Object value;
            String shown = use.cell() ? "cellMagic(\"" + use.name() + "\", …)" : "%" + use.name();
            try {
                Magic found = use.cell() ? magics.cellMagic(use.name()) : magics.lineMagic(use.name());
                value = found.evaluate(use.args(), use.body(), context);
            } catch (MagicException e) {
                throw new MagicException("line " + lineNumber + ": " + shown + ": " + e.getMessage());
            } catch (Exception e) {
                throw new MagicException("line " + lineNumber + ": " + shown + " failed: " + e);
            }
            out.append(line, position, use.start()).append(InlineMagics.javaExpression(value)).append(use.rest());
            position = use.end();
        }
        return out.append(line.substring(position)).toString();
    }

    /** Whether the Java gathered so far ends in the middle of a statement ({@code List<String> jars =}). */
    private static boolean unfinished(List<String> pending, MagicContext context) {
        if (pending.stream().allMatch(String::isBlank)) {
            return false;
        }
        return context.engine().isComplete(String.join("\n", pending)).status().equals("incomplete");
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
