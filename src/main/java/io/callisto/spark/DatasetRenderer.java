package io.callisto.spark;

import static io.callisto.spark.Reflection.call;

import io.callisto.display.MimeBundle;
import io.callisto.display.Renderer;
import java.lang.reflect.Array;
import java.util.ArrayList;
import java.util.List;

/**
 * A Spark {@code Dataset} (or DataFrame) as a cell's value: its first {@value #ROWS} rows as an HTML table and as a
 * text table (Dataset.show's layout), with the row count when Spark can give it without a job
 * ({@code Dataset.isLocal}). Showing a Dataset runs the job that takes those rows, as Spark's shell does. Found
 * through ServiceLoader (META-INF/services); Spark is reached by reflection.
 */
public final class DatasetRenderer implements Renderer {
    static final int ROWS = 20;
    private static final int CELL_WIDTH = 20;
    private static final String DATASET = "org.apache.spark.sql.Dataset";

    @Override
    public boolean accepts(Object value) {
        for (Class<?> c = value.getClass(); c != null; c = c.getSuperclass()) {
            if (c.getName().equals(DATASET)) {
                return true;
            }
        }
        return false;
    }

    @Override
    public MimeBundle render(Object dataset) {
        try {
            Object frame = call(dataset, "toDF");  // Rows with named columns, whatever the Dataset's element type
            String[] columns = (String[]) call(frame, "columns");
            Object taken = call(frame, "take", ROWS + 1);  // one more than shown tells whether there are more
            int available = Array.getLength(taken);
            List<List<String>> rows = new ArrayList<>();
            for (int r = 0; r < Math.min(available, ROWS); r++) {
                Object row = Array.get(taken, r);
                List<String> cells = new ArrayList<>();
                for (int c = 0; c < columns.length; c++) {
                    cells.add(String.valueOf(call(row, "get", c)));
                }
                rows.add(cells);
            }
            String footer = footer(dataset, available);
            return MimeBundle.of("text/html", html(columns, rows, footer)).with("text/plain", text(columns, rows, footer));
        } catch (ReflectiveOperationException | RuntimeException e) {
            Throwable cause = e.getCause() != null ? e.getCause() : e;
            return MimeBundle.of("text/plain", dataset + "\n(could not take its rows: " + cause + ")");
        }
    }

    private static String footer(Object dataset, int available) throws ReflectiveOperationException {
        if ((boolean) call(dataset, "isLocal")) {
            long count = (long) call(dataset, "count");
            return count + (count == 1 ? " row" : " rows");
        }
        return available > ROWS ? "only showing the first " + ROWS + " rows" : available + (available == 1 ? " row" : " rows");
    }

    private static String html(String[] columns, List<List<String>> rows, String footer) {
        StringBuilder out = new StringBuilder("<table><thead><tr>");
        for (String column : columns) {
            out.append("<th>").append(escape(column)).append("</th>");
        }
        out.append("</tr></thead><tbody>");
        for (List<String> row : rows) {
            out.append("<tr>");
            row.forEach(cell -> out.append("<td>").append(escape(cell)).append("</td>"));
            out.append("</tr>");
        }
        return out.append("</tbody></table><p>").append(escape(footer)).append("</p>").toString();
    }

    /** Dataset.show's layout: a bordered table, cells cut to 20 characters and right-aligned. */
    private static String text(String[] columns, List<List<String>> rows, String footer) {
        List<List<String>> all = new ArrayList<>();
        all.add(List.of(columns));
        for (List<String> row : rows) {
            all.add(row.stream().map(c -> c.length() > CELL_WIDTH ? c.substring(0, CELL_WIDTH - 3) + "..." : c).toList());
        }
        int[] widths = new int[columns.length];
        for (List<String> row : all) {
            for (int c = 0; c < widths.length; c++) {
                widths[c] = Math.max(Math.max(widths[c], 3), row.get(c).length());
            }
        }
        StringBuilder border = new StringBuilder("+");
        for (int width : widths) {
            border.append("-".repeat(width)).append('+');
        }
        StringBuilder out = new StringBuilder(border).append('\n');
        for (int r = 0; r < all.size(); r++) {
            out.append('|');
            for (int c = 0; c < widths.length; c++) {
                out.append(" ".repeat(widths[c] - all.get(r).get(c).length())).append(all.get(r).get(c)).append('|');
            }
            out.append('\n');
            if (r == 0) {
                out.append(border).append('\n');
            }
        }
        return out.append(border).append('\n').append(footer).toString();
    }

    private static String escape(String text) {
        return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
    }
}
