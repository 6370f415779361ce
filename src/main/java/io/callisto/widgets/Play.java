package io.callisto.widgets;

/**
 * A play/pause/stop control that steps an int every {@code interval} ms (ipywidgets' {@code Play}): value 0 in
 * [0, 100]. Link it to a slider with {@link Widgets#jslink} to animate it.
 */
public final class Play extends ValueControl<Play, Integer> implements IntBounds<Play>, IntStep<Play>, Disableable<Play> {
    public Play() {
        super(Model.controls("PlayModel", "PlayView"), new DescriptionStyle(), Kind.INT, 0);
        trait("min", Kind.INT, 0);
        trait("max", Kind.INT, 100);
        trait("step", Kind.INT, 1);
        trait("interval", Kind.INT, 100);
        trait("playing", Kind.BOOL, false);
        trait("repeat", Kind.BOOL, false);
        trait("show_repeat", Kind.BOOL, true);
        trait("disabled", Kind.BOOL, false);
        boundValue();
    }

    /** Milliseconds between steps. */
    public int interval() {
        return (Integer) get("interval");
    }

    public Play interval(int interval) {
        return set("interval", interval);
    }

    public boolean playing() {
        return (Boolean) get("playing");
    }

    public Play playing(boolean playing) {
        return set("playing", playing);
    }

    /** Whether it starts over at the end. */
    public boolean repeat() {
        return (Boolean) get("repeat");
    }

    public Play repeat(boolean repeat) {
        return set("repeat", repeat);
    }

    public boolean showRepeat() {
        return (Boolean) get("show_repeat");
    }

    public Play showRepeat(boolean showRepeat) {
        return set("show_repeat", showRepeat);
    }
}
