package io.callisto.magics;

import io.callisto.engine.Engine.CellOutcome;
import java.util.Locale;

/** %time code (the rest of its line) and %%time (the rest of the cell): run it, then print the wall time. */
final class TimeMagic implements Magic {
    private final Magics magics;

    TimeMagic(Magics magics) {
        this.magics = magics;
    }

    @Override
    public String help() {
        return "run code and print how long it took: %time code, or %%time heading a cell";
    }

    @Override
    public boolean isCellMagic() {
        return true;
    }

    @Override
    public CellOutcome run(String args, String body, MagicContext context) throws Exception {
        String code = body == null ? args : body;
        long start = System.nanoTime();
        CellOutcome outcome = body == null
                ? context.engine().execute(code, context.cellNumber())
                : new CellRunner(magics).run(code, context);
        double millis = (System.nanoTime() - start) / 1e6;
        context.out().println(String.format(Locale.ROOT, "Wall time: %s", format(millis)));
        return outcome;
    }

    static String format(double millis) {
        if (millis < 1000) {
            return String.format(Locale.ROOT, "%.1f ms", millis);
        }
        return String.format(Locale.ROOT, "%.2f s", millis / 1000);
    }
}
