package io.callisto.widgets;

/** A color chooser (ipywidgets' {@code ColorPicker}): value "black", any CSS color (a name or "#rrggbb"). */
public final class ColorPicker extends ValueControl<ColorPicker, String> implements Disableable<ColorPicker> {
    public ColorPicker() {
        super(Model.controls("ColorPickerModel", "ColorPickerView"), new DescriptionStyle(), Kind.STRING, "black");
        trait("concise", Kind.BOOL, false);
        trait("disabled", Kind.BOOL, false);
    }

    public ColorPicker(String value) {
        this();
        value(value);
    }

    /** Whether only the swatch shows, without the text box. */
    public boolean concise() {
        return (Boolean) get("concise");
    }

    public ColorPicker concise(boolean concise) {
        return set("concise", concise);
    }

    @Override
    public DescriptionStyle style() {
        return (DescriptionStyle) get("style");
    }
}
