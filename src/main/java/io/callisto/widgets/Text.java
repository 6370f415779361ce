package io.callisto.widgets;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;

/** A one-line text box (ipywidgets' {@code Text}); Enter sends the custom event {@code {event: "submit"}}. */
public final class Text extends TextControl<Text> {
    private final List<Consumer<Text>> submitListeners = new CopyOnWriteArrayList<>();

    public Text() {
        super(Model.controls("TextModel", "TextView"));
        onCustom(content -> {
            if ("submit".equals(content.get("event"))) {
                submitListeners.forEach(listener -> deliver(() -> listener.accept(this), false));
            }
        });
    }

    public Text(String value) {
        this();
        value(value);
    }

    /** Runs {@code listener} when the user presses Enter. @return this text box */
    public Text onSubmit(Consumer<Text> listener) {
        submitListeners.add(listener);
        return this;
    }
}
