package io.callisto.widgets;

/** A button that stays pressed (ipywidgets' {@code ToggleButton}): value false. */
public final class ToggleButton extends ValueControl<ToggleButton, Boolean> implements Disableable<ToggleButton> {
    public ToggleButton() {
        super(Model.controls("ToggleButtonModel", "ToggleButtonView"), new ToggleButtonStyle(), Kind.BOOL, false);
        trait("button_style", Kind.STRING, "");
        trait("icon", Kind.STRING, "");
        trait("disabled", Kind.BOOL, false);
    }

    public ToggleButton(String description) {
        this();
        description(description);
    }

    /** "primary", "success", "info", "warning", "danger" or "". */
    public String buttonStyle() {
        return (String) get("button_style");
    }

    public ToggleButton buttonStyle(String buttonStyle) {
        return set("button_style", buttonStyle);
    }

    /** A Font Awesome icon name without the "fa-" prefix, e.g. "check". */
    public String icon() {
        return (String) get("icon");
    }

    public ToggleButton icon(String icon) {
        return set("icon", icon);
    }

    @Override
    public ToggleButtonStyle style() {
        return (ToggleButtonStyle) get("style");
    }
}
