package io.callisto.widgets;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The type of a trait: how a value set from Java or received as JSON becomes the Java value the getters
 * return. Every kind takes null (ipywidgets' {@code allow_none} traits hold it; the others never get it).
 */
enum Kind {
    ANY, BOOL, INT, FLOAT, STRING, BYTES, DATE, WIDGET, WIDGETS, INTS, FLOATS, STRINGS;

    private static final String REFERENCE = "IPY_MODEL_";

    /**
     * The value in this kind's Java form.
     *
     * @throws IllegalArgumentException when it cannot be one
     */
    Object coerce(Object value) {
        if (value == null) {
            return null;
        }
        return switch (this) {
            case ANY -> value;
            case BOOL -> expect(Boolean.class, value);
            case STRING -> expect(String.class, value);
            case INT -> toInt(value);
            case FLOAT -> expect(Number.class, value).doubleValue();
            case BYTES -> expect(byte[].class, value);
            case DATE -> toDate(value);
            case WIDGET -> toWidget(value);
            case WIDGETS -> list(value, Kind::toWidget);
            case INTS -> list(value, Kind::toInt);
            case FLOATS -> list(value, v -> expect(Number.class, v).doubleValue());
            case STRINGS -> list(value, v -> expect(String.class, v));
        };
    }

    /** Equality as a change is decided: arrays by content. */
    static boolean same(Object a, Object b) {
        if (a instanceof byte[] x && b instanceof byte[] y) {
            return Arrays.equals(x, y);
        }
        return Objects.equals(a, b);
    }

    /** The JSON string a widget reference is on the wire. */
    static String reference(Widget<?> widget) {
        return REFERENCE + widget.id();
    }

    private static Integer toInt(Object value) {
        Number number = expect(Number.class, value);
        // JSON from the frontend or a link to a float widget: round what is not already whole.
        return number instanceof Integer i ? i : (int) Math.round(number.doubleValue());
    }

    /** ipywidgets' date_serialization: {year, month (0-11, as JavaScript's Date), date}. */
    private static LocalDate toDate(Object value) {
        if (value instanceof LocalDate date) {
            return date;
        }
        if (value instanceof Map<?, ?> map) {
            return LocalDate.of(((Number) map.get("year")).intValue(), ((Number) map.get("month")).intValue() + 1,
                    ((Number) map.get("date")).intValue());
        }
        throw new IllegalArgumentException("a date must be a LocalDate, not " + value.getClass().getName());
    }

    private static Widget<?> toWidget(Object value) {
        if (value instanceof Widget<?> widget) {
            return widget;
        }
        if (value instanceof String s && s.startsWith(REFERENCE)) {
            return Widget.byId(s.substring(REFERENCE.length()))
                    .orElseThrow(() -> new IllegalArgumentException("no widget " + s));
        }
        throw new IllegalArgumentException("a widget reference must be a Widget, not " + value);
    }

    private static <T> List<T> list(Object value, java.util.function.Function<Object, T> element) {
        Iterable<?> items;
        if (value instanceof Iterable<?> iterable) {
            items = iterable;
        } else if (value instanceof Object[] array) {
            items = Arrays.asList(array);
        } else if (value instanceof int[] ints) {
            items = Arrays.stream(ints).boxed().toList();
        } else if (value instanceof double[] doubles) {
            items = Arrays.stream(doubles).boxed().toList();
        } else {
            throw new IllegalArgumentException("expected a list, not " + value.getClass().getName());
        }
        List<T> out = new ArrayList<>();
        for (Object item : items) {
            out.add(element.apply(item));
        }
        return Collections.unmodifiableList(out);
    }

    private static <T> T expect(Class<T> type, Object value) {
        if (!type.isInstance(value)) {
            throw new IllegalArgumentException("expected " + type.getSimpleName() + ", not "
                    + value.getClass().getSimpleName() + " " + value);
        }
        return type.cast(value);
    }
}
