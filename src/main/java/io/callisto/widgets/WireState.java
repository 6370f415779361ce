package io.callisto.widgets;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A state as it crosses the comm (messages.md, "State synchronization"): JSON values, with each binary value
 * taken out into {@code buffers} and its path into {@code buffer_paths}. A key whose value is a buffer is absent
 * from the state; a list element that is one is null. References to widgets are "IPY_MODEL_&lt;id&gt;" (which
 * opens those widgets first); dates are {@code {year, month (0-11), date}}.
 *
 * @param state the JSON state, without the buffers
 * @param bufferPaths one path (keys and list indexes) per buffer
 * @param buffers the binary values, in the order of their paths
 */
record WireState(Map<String, Object> state, List<List<Object>> bufferPaths, List<byte[]> buffers) {

    /** The wire form of Java values. @throws IllegalArgumentException for a value JSON cannot hold */
    static WireState of(Map<String, ?> values) {
        List<List<Object>> paths = new ArrayList<>();
        List<byte[]> buffers = new ArrayList<>();
        @SuppressWarnings("unchecked")
        Map<String, Object> state = (Map<String, Object>) toJson(values, new ArrayList<>(), paths, buffers);
        return new WireState(state, paths, buffers);
    }

    /** The comm_msg data {@code {method, state, buffer_paths}}. */
    Map<String, Object> message(String method) {
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("method", method);
        data.put("state", state);
        data.put("buffer_paths", bufferPaths);
        return data;
    }

    /** Puts received buffers back where their paths say, in place (ipywidgets' put_buffers). */
    @SuppressWarnings("unchecked")
    static void putBuffers(Map<String, Object> state, List<?> paths, List<byte[]> buffers) {
        for (int i = 0; i < paths.size() && i < buffers.size(); i++) {
            List<?> path = (List<?>) paths.get(i);
            Object container = state;
            for (int k = 0; k < path.size() - 1; k++) {
                Object key = path.get(k);
                container = container instanceof Map<?, ?> map ? map.get(key) : ((List<?>) container).get(((Number) key).intValue());
            }
            Object last = path.get(path.size() - 1);
            if (container instanceof Map<?, ?> map) {
                ((Map<Object, Object>) map).put(last, buffers.get(i));
            } else {
                ((List<Object>) container).set(((Number) last).intValue(), buffers.get(i));
            }
        }
    }

    private static final Object REMOVED = new Object();

    private static Object toJson(Object value, List<Object> path, List<List<Object>> paths, List<byte[]> buffers) {
        if (value == null || value instanceof String || value instanceof Boolean || value instanceof Number) {
            return value;
        }
        if (value instanceof byte[] bytes) {
            paths.add(List.copyOf(path));
            buffers.add(bytes);
            return REMOVED;
        }
        if (value instanceof Widget<?> widget) {
            return Kind.reference(widget);
        }
        if (value instanceof LocalDate date) {
            Map<String, Object> json = new LinkedHashMap<>();
            json.put("year", date.getYear());
            json.put("month", date.getMonthValue() - 1);
            json.put("date", date.getDayOfMonth());
            return json;
        }
        if (value instanceof Enum<?> constant) {
            return constant.name();
        }
        if (value instanceof Map<?, ?> map) {
            Map<String, Object> json = new LinkedHashMap<>();
            for (Map.Entry<?, ?> entry : map.entrySet()) {
                path.add(String.valueOf(entry.getKey()));
                Object item = toJson(entry.getValue(), path, paths, buffers);
                path.remove(path.size() - 1);
                if (item != REMOVED) {
                    json.put(String.valueOf(entry.getKey()), item);
                }
            }
            return json;
        }
        if (value instanceof Collection<?> list) {
            List<Object> json = new ArrayList<>();
            for (Object element : list) {
                path.add(json.size());
                Object item = toJson(element, path, paths, buffers);
                path.remove(path.size() - 1);
                json.add(item == REMOVED ? null : item);
            }
            return json;
        }
        throw new IllegalArgumentException("a widget state cannot hold a " + value.getClass().getName());
    }
}
