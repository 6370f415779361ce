package io.callisto.widgets;

import java.util.function.BiFunction;
import java.util.function.Function;

/** Helpers over several widgets: links (ipywidgets' {@code link}, {@code jslink}, …) and {@code interact}. */
public final class Widgets {
    private Widgets() {
    }

    /**
     * Links two traits in the kernel both ways: the target takes the source's value now, then each follows the
     * other. Works between any widgets, e.g. an IntSlider's "value" and a FloatText's "value".
     *
     * @return the link, for {@link TraitLink#unlink}
     * @throws IllegalArgumentException when a trait does not exist or the types do not convert
     */
    public static TraitLink link(Widget<?> source, String sourceTrait, Widget<?> target, String targetTrait) {
        return new TraitLink(source, sourceTrait, target, targetTrait, true);
    }

    /** Links two traits in the kernel one way: the target follows the source. */
    public static TraitLink dlink(Widget<?> source, String sourceTrait, Widget<?> target, String targetTrait) {
        return new TraitLink(source, sourceTrait, target, targetTrait, false);
    }

    /**
     * Links two traits in the frontend both ways (a {@code LinkModel}, opened now), so they follow each other
     * even while the kernel is busy. The values should be of the same JSON type.
     */
    public static Link jslink(Widget<?> source, String sourceTrait, Widget<?> target, String targetTrait) {
        return open(new Link("LinkModel", source, sourceTrait, target, targetTrait));
    }

    /** Links two traits in the frontend one way (a {@code DirectionalLinkModel}). */
    public static Link jsdlink(Widget<?> source, String sourceTrait, Widget<?> target, String targetTrait) {
        return open(new Link("DirectionalLinkModel", source, sourceTrait, target, targetTrait));
    }

    private static Link open(Link link) {
        link.open();
        return link;
    }

    /**
     * A control and the function's result under it, recomputed on each change of the control (ipywidgets'
     * {@code interactive}); display it, or make it a cell's value.
     *
     * @param function called with the control's value, on the thread of the change
     * @return the box of the control and the result's Output
     */
    public static <A, R> Interactive<R> interact(Function<? super A, ? extends R> function, ValueWidget<A> control) {
        return new Interactive<>(() -> function.apply(control.value()), (Widget<?>) control);
    }

    /** Two controls and the function's result under them, recomputed when either changes. */
    public static <A, B, R> Interactive<R> interact(BiFunction<? super A, ? super B, ? extends R> function,
            ValueWidget<A> first, ValueWidget<B> second) {
        return new Interactive<>(() -> function.apply(first.value(), second.value()), (Widget<?>) first, (Widget<?>) second);
    }
}
