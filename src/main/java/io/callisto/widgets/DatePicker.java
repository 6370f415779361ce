package io.callisto.widgets;

import java.time.LocalDate;

/**
 * A date chooser (ipywidgets' {@code DatePicker}): value null (no date). Dates cross as
 * {@code {year, month (0-11), date}}, ipywidgets' date serialization.
 */
public final class DatePicker extends ValueControl<DatePicker, LocalDate> implements Disableable<DatePicker> {
    public DatePicker() {
        super(Model.controls("DatePickerModel", "DatePickerView"), new DescriptionStyle(), Kind.DATE, null);
        trait("min", Kind.DATE, null);
        trait("max", Kind.DATE, null);
        trait("step", Kind.ANY, 1);
        trait("disabled", Kind.BOOL, false);
    }

    public DatePicker(LocalDate value) {
        this();
        value(value);
    }

    /** The earliest date allowed; null for none. */
    public LocalDate min() {
        return (LocalDate) get("min");
    }

    public DatePicker min(LocalDate min) {
        return set("min", min);
    }

    public LocalDate max() {
        return (LocalDate) get("max");
    }

    public DatePicker max(LocalDate max) {
        return set("max", max);
    }

    /** Days between choosable dates: a number, or "any". */
    public Object step() {
        return get("step");
    }

    public DatePicker step(int days) {
        return set("step", days);
    }

    @Override
    public DescriptionStyle style() {
        return (DescriptionStyle) get("style");
    }
}
