package io.callisto.widgets;

/** A check box (ipywidgets' {@code Checkbox}): value false, indented like other described widgets. */
public final class Checkbox extends ValueControl<Checkbox, Boolean> implements Disableable<Checkbox> {
    public Checkbox() {
        super(Model.controls("CheckboxModel", "CheckboxView"), new CheckboxStyle(), Kind.BOOL, false);
        trait("indent", Kind.BOOL, true);
        trait("disabled", Kind.BOOL, false);
    }

    public Checkbox(boolean value, String description) {
        this();
        value(value).description(description);
    }

    /** Whether the box lines up with other described widgets (true) or sits at the left. */
    public boolean indent() {
        return (Boolean) get("indent");
    }

    public Checkbox indent(boolean indent) {
        return set("indent", indent);
    }

    @Override
    public CheckboxStyle style() {
        return (CheckboxStyle) get("style");
    }
}
