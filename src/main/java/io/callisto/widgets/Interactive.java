package io.callisto.widgets;

import io.callisto.display.Renderers;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;

/**
 * Controls and, under them, an {@link Output} with a function's result, recomputed whenever a control's value
 * changes (ipywidgets' {@code interactive}, a {@code VBoxModel}). Each run clears the Output, then captures what
 * the function prints; a result with a rich rendering (a widget, an image, a MimeBundle) is added as display
 * data, any other non-null result is printed. An exception is printed into the Output.
 *
 * @param <R> the function's result type
 */
public final class Interactive<R> extends Box<Interactive<R>> {
    private final Supplier<? extends R> function;
    private final Output output = new Output();
    private volatile R result;

    Interactive(Supplier<? extends R> function, Widget<?>... controls) {
        super(Model.controls("VBoxModel", "VBoxView"));
        this.function = function;
        List<Widget<?>> children = new ArrayList<>(List.of(controls));
        children.add(output);
        children(children);
        for (Widget<?> control : controls) {
            // "value" of a selection is derived from its index, and observed all the same.
            control.observeQuietly("value", change -> update());
        }
        update();
    }

    /** Runs the function again with the controls' values now. @return this */
    public Interactive<R> update() {
        output.clear();
        output.capture(() -> {
            try {
                R value = function.get();
                result = value;
                if (value != null && Renderers.renderRich(value) != null) {
                    System.out.flush();
                    output.appendDisplayData(value);
                } else if (value != null) {
                    System.out.println(value);
                }
            } catch (RuntimeException e) {
                System.err.println(e);
            }
        });
        return this;
    }

    /** The last result. */
    public R result() {
        return result;
    }

    /** Where the result shows. */
    public Output output() {
        return output;
    }
}
