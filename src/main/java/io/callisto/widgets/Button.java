package io.callisto.widgets;

import java.util.Map;
import java.util.function.Consumer;

/**
 * A button (ipywidgets' {@code Button}). A click in the frontend arrives as the custom message
 * {@code {event: "click"}} and runs the {@link #onClick} listeners on the comm thread.
 */
public final class Button extends DOMWidget<Button> implements Disableable<Button> {
    public Button() {
        super(Model.controls("ButtonModel", "ButtonView"));
        trait("description", Kind.STRING, "");
        trait("button_style", Kind.STRING, "");
        trait("icon", Kind.STRING, "");
        trait("disabled", Kind.BOOL, false);
        trait("style", Kind.WIDGET, new ButtonStyle());
        onCustom(this::custom);
    }

    public Button(String description) {
        this();
        description(description);
    }

    private final java.util.List<Consumer<Button>> clickListeners = new java.util.concurrent.CopyOnWriteArrayList<>();

    /** Runs {@code listener} on each click, with this button. @return this button */
    public Button onClick(Consumer<Button> listener) {
        clickListeners.add(listener);
        return this;
    }

    /** Runs the click listeners, as a click in the frontend does. @return this button */
    public Button click() {
        for (Consumer<Button> listener : clickListeners) {
            deliver(() -> listener.accept(this), false);
        }
        return this;
    }

    private void custom(Map<String, Object> content) {
        // Already inside the cell's listener area: custom listeners are delivered under it.
        if ("click".equals(content.get("event"))) {
            click();
        }
    }

    /** The button's text. */
    public String description() {
        return (String) get("description");
    }

    public Button description(String description) {
        return set("description", description);
    }

    /** "primary", "success", "info", "warning", "danger" or "". */
    public String buttonStyle() {
        return (String) get("button_style");
    }

    public Button buttonStyle(String buttonStyle) {
        return set("button_style", buttonStyle);
    }

    /** A Font Awesome icon name without the "fa-" prefix, e.g. "check". */
    public String icon() {
        return (String) get("icon");
    }

    public Button icon(String icon) {
        return set("icon", icon);
    }

    public ButtonStyle style() {
        return (ButtonStyle) get("style");
    }
}
