package io.callisto.widgets;

import java.util.function.Consumer;

/**
 * A link the kernel keeps between two traits (traitlets' {@code link}/{@code dlink}, made by
 * {@link Widgets#link} and {@link Widgets#dlink}): a change of one sets the other, on the thread of the change.
 */
public final class TraitLink {
    private final Widget<?> source;
    private final Widget<?> target;
    private final Consumer<Change> forward;
    private final Consumer<Change> backward;

    TraitLink(Widget<?> source, String sourceTrait, Widget<?> target, String targetTrait, boolean twoWay) {
        this.source = source;
        this.target = target;
        // Setting an equal value is no change, so a two-way link stops after one round.
        this.forward = change -> target.set(targetTrait, change.newValue());
        this.backward = twoWay ? change -> source.set(sourceTrait, change.newValue()) : null;
        target.set(targetTrait, source.get(sourceTrait));
        source.observeQuietly(sourceTrait, forward);
        if (twoWay) {
            target.observeQuietly(targetTrait, backward);
        }
    }

    /** Ends the link; the values stay as they are. */
    public void unlink() {
        source.unobserveQuietly(forward);
        if (backward != null) {
            target.unobserveQuietly(backward);
        }
    }
}
