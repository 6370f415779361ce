package io.callisto.widgets;

import io.callisto.comm.Comm;
import io.callisto.comm.CommMessage;
import io.callisto.comm.Comms;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;

/**
 * A widget: a model in the frontend (ipywidgets' {@code Widget}), kept in step with this object's traits over a
 * comm to the {@code jupyter.widget} target. Opened when first needed: when displayed, when a widget that refers
 * to it opens, or on {@link #id()}; until then setters change only the state its {@code comm_open} will carry.
 *
 * <p>Thread-safe: the frontend's changes arrive on the comm thread and are seen at once by a cell reading the
 * widget in a loop; a change from any thread sends an {@code update}. Listeners run on the thread that made the
 * change, after it; a listener's exception is printed to System.err and the others still run.
 *
 * @param <S> the widget's own type, which fluent setters return
 */
public abstract class Widget<S extends Widget<S>> implements WithTraits<S> {
    /** The widget protocol version, in every comm_open's metadata. */
    public static final String PROTOCOL_VERSION = "2.1.0";
    /** The comm target of widget models. */
    public static final String TARGET = "jupyter.widget";

    private static final Map<String, Widget<?>> OPEN = new ConcurrentHashMap<>();

    static {
        WidgetRuntime.install();
    }

    private record Trait(String name, Kind kind, Object defaultValue) {
    }

    private record Listener(String trait, Consumer<Change> consumer, boolean underCell) {
    }

    private final Map<String, Trait> traits = new LinkedHashMap<>();
    /** Guarded by this; messages are sent under it too, so the frontend sees changes in their order. */
    private final Map<String, Object> values = new LinkedHashMap<>();
    private final List<Listener> listeners = new CopyOnWriteArrayList<>();
    private final List<Consumer<Map<String, Object>>> customListeners = new CopyOnWriteArrayList<>();
    private volatile Comm comm;
    private volatile boolean boundedValue;
    /** Where listeners print while on the comm thread: the listener area of the cell that displayed this. */
    private volatile Output listenerOutput;

    protected Widget(Model model) {
        trait("_model_name", Kind.STRING, model.modelName());
        trait("_model_module", Kind.STRING, model.modelModule());
        trait("_model_module_version", Kind.STRING, model.modelModuleVersion());
        trait("_view_name", Kind.STRING, model.viewName());
        trait("_view_module", Kind.STRING, model.viewModule());
        trait("_view_module_version", Kind.STRING, model.viewModuleVersion());
    }

    /** Declares a trait with its default; only constructors call this, before the widget opens. */
    final void trait(String name, Kind kind, Object defaultValue) {
        Object value = kind.coerce(defaultValue);
        traits.put(name, new Trait(name, kind, value));
        values.put(name, value);
    }

    /** Keeps {@code value} between {@code min} and {@code max} when set from Java, as ipywidgets does. */
    final void boundValue() {
        boundedValue = true;
    }

    @SuppressWarnings("unchecked")
    final S self() {
        return (S) this;
    }

    /** The open widget with this model id (comm_id), if any. */
    public static Optional<Widget<?>> byId(String modelId) {
        return Optional.ofNullable(OPEN.get(modelId));
    }

    static Collection<Widget<?>> openWidgets() {
        return List.copyOf(OPEN.values());
    }

    /**
     * The model id (the comm_id), which {@code "IPY_MODEL_<id>"} references and the widget-view MIME type name.
     * Opens the widget if it is not open yet.
     */
    public final String id() {
        return open().id();
    }

    /** Whether the widget has a comm open to the frontend. */
    public final boolean isOpen() {
        Comm current = comm;
        return current != null && current.isOpen();
    }

    /** The model name, e.g. "IntSliderModel". */
    public final String modelName() {
        return (String) get("_model_name");
    }

    /** The view name, e.g. "IntSliderView"; null for a model without a view. */
    public final String viewName() {
        return (String) get("_view_name");
    }

    /**
     * Opens the comm: a {@code comm_open} with the full state and metadata {@code {version: "2.1.0"}}; the widgets it
     * refers to (layout, style, children) open first.
     */
    final Comm open() {
        Comm current = comm;
        if (current != null) {
            return current;
        }
        synchronized (this) {
            if (comm == null) {
                WireState state = WireState.of(values);
                Map<String, Object> data = new LinkedHashMap<>();
                data.put("state", state.state());
                data.put("buffer_paths", state.bufferPaths());
                Comm opened = Comm.open(TARGET, data, Map.of("version", PROTOCOL_VERSION), state.buffers());
                OPEN.put(opened.id(), this);
                opened.onMessage(this::received);
                opened.onClose(message -> OPEN.remove(opened.id(), this));
                comm = opened;
            }
            return comm;
        }
    }

    /** Closes the widget's comm; the frontend removes its views. Closing twice does nothing. */
    public void close() {
        Comm current = comm;
        if (current != null) {
            OPEN.remove(current.id(), this);
            current.close();
        }
    }

    @Override
    public final synchronized Object get(String trait) {
        traitOf(trait);
        return values.get(trait);
    }

    @Override
    public final S set(String trait, Object value) {
        Kind kind = traitOf(trait).kind();
        Object coerced = kind.coerce(value);
        Change change;
        synchronized (this) {
            if (boundedValue && trait.equals("value")) {
                coerced = clamp(coerced);
            }
            Object old = values.get(trait);
            if (Kind.same(old, coerced)) {
                return self();
            }
            values.put(trait, coerced);
            change = new Change(this, trait, old, coerced);
            if (comm != null) {
                send(WireState.of(Collections.singletonMap(trait, coerced)), "update");
            }
        }
        fire(change);
        return self();
    }

    /** The full state in Java form, in declaration order (the model's names first). */
    public final synchronized Map<String, Object> state() {
        return Collections.unmodifiableMap(new LinkedHashMap<>(values));
    }

    /** The full state as it is sent: JSON values, binary ones out in buffers. */
    final synchronized WireState wireState() {
        return WireState.of(values);
    }

    /**
     * Calls {@code listener} after each change of {@code trait} (or of every trait, for "*"), from Java or
     * from the frontend. While the frontend's message is handled, what it prints goes under the cell that
     * displayed this widget.
     *
     * @return this widget
     */
    public final S observe(String trait, Consumer<Change> listener) {
        if (!trait.equals("*")) {
            traitOrDerived(trait);
        }
        listeners.add(new Listener(trait, listener, true));
        return self();
    }

    /** Removes a listener added with {@link #observe}. @return this widget */
    public final S unobserve(String trait, Consumer<Change> listener) {
        listeners.removeIf(l -> l.trait().equals(trait) && l.consumer() == listener);
        return self();
    }

    /** A listener of the library's own (links, interact) that prints where the change's thread prints. */
    final void observeQuietly(String trait, Consumer<Change> listener) {
        listeners.add(new Listener(trait, listener, false));
    }

    final void unobserveQuietly(Consumer<Change> listener) {
        listeners.removeIf(l -> l.consumer() == listener);
    }

    /**
     * Calls {@code listener} with the content of each {@code custom} message from the frontend (the
     * {@code content} of {@code {method: "custom", content}}).
     *
     * @return this widget
     */
    public final S onCustom(Consumer<Map<String, Object>> listener) {
        customListeners.add(listener);
        return self();
    }

    /**
     * Sends a custom message to the frontend model: {@code {method: "custom", content}}.
     *
     * @param content JSON values
     * @return this widget
     */
    public final S sendCustom(Map<String, ?> content) {
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("method", "custom");
        data.put("content", content);
        open().send(data);
        return self();
    }

    /** Other names a listener may observe (a selection's {@code value}); none by default. */
    boolean isDerived(String trait) {
        return false;
    }

    /** The changes of derived names that a trait's change makes. */
    List<Change> derived(Change change) {
        return List.of();
    }

    private Trait traitOf(String trait) {
        Trait found = traits.get(trait);
        if (found == null) {
            throw new IllegalArgumentException(getClass().getSimpleName() + " has no trait " + trait);
        }
        return found;
    }

    private void traitOrDerived(String trait) {
        if (!isDerived(trait)) {
            traitOf(trait);
        }
    }

    private Object clamp(Object value) {
        if (value instanceof Integer i && values.get("min") instanceof Integer min && values.get("max") instanceof Integer max) {
            return Math.max(min, Math.min(max, i));
        }
        if (value instanceof Double d && values.get("min") instanceof Double min && values.get("max") instanceof Double max) {
            return Math.max(min, Math.min(max, d));
        }
        if (value instanceof List<?> list) {
            List<Object> clamped = new ArrayList<>();
            for (Object item : list) {
                clamped.add(clamp(item));
            }
            return Collections.unmodifiableList(clamped);
        }
        return value;
    }

    /** Under the lock: sends {@code {method, state, buffer_paths}} with the state's buffers. */
    private void send(WireState state, String method) {
        comm.send(state.message(method), Map.of(), state.buffers());
    }

    /** Handles one message from the frontend model, on the comm thread (messages.md, "State synchronization"). */
    private void received(CommMessage message) {
        Map<String, Object> data = message.data();
        Object method = data.get("method");
        if ("update".equals(method)) {
            update(data, message.buffers());
        } else if ("request_state".equals(method)) {
            synchronized (this) {
                send(WireState.of(values), "update");
            }
        } else if ("custom".equals(method)) {
            @SuppressWarnings("unchecked")
            Map<String, Object> content = data.get("content") instanceof Map<?, ?> map ? (Map<String, Object>) map : Map.of();
            for (Consumer<Map<String, Object>> listener : customListeners) {
                deliver(() -> listener.accept(content), true);
            }
        } else {
            System.err.println("Callisto widgets: a " + getClass().getSimpleName() + " got a message of unknown method " + method);
        }
    }

    /**
     * Applies the frontend's state, answers with an {@code echo_update} of the keys applied (ipywidgets 8's
     * default, so other frontends follow) and never with an {@code update}, then tells the listeners.
     */
    @SuppressWarnings("unchecked")
    private void update(Map<String, Object> data, List<byte[]> buffers) {
        if (!(data.get("state") instanceof Map<?, ?> received)) {
            return;
        }
        Map<String, Object> state = new LinkedHashMap<>((Map<String, Object>) received);
        if (data.get("buffer_paths") instanceof List<?> paths) {
            WireState.putBuffers(state, paths, buffers);
        }
        List<Change> changes = new ArrayList<>();
        synchronized (this) {
            Map<String, Object> applied = new LinkedHashMap<>();
            Map<String, Object> echoed = new LinkedHashMap<>();
            for (Map.Entry<String, Object> entry : state.entrySet()) {
                Trait trait = traits.get(entry.getKey());
                if (trait != null) {
                    applied.put(entry.getKey(), trait.kind().coerce(entry.getValue()));
                    echoed.put(entry.getKey(), entry.getValue());
                }
            }
            if (applied.isEmpty()) {
                return;
            }
            send(WireState.of(echoed), "echo_update");
            applied.forEach((name, value) -> {
                Object old = values.put(name, value);
                if (!Kind.same(old, value)) {
                    changes.add(new Change(this, name, old, value));
                }
            });
        }
        changes.forEach(this::fire);
    }

    private void fire(Change change) {
        List<Change> all = new ArrayList<>();
        all.add(change);
        all.addAll(derived(change));
        for (Change each : all) {
            for (Listener listener : listeners) {
                if (listener.trait().equals(each.name()) || listener.trait().equals("*")) {
                    deliver(() -> listener.consumer().accept(each), listener.underCell());
                }
            }
        }
    }

    /**
     * Runs a listener; on the comm thread, a user's listener runs inside the capture of its cell's listener
     * area (the frontend shows what it prints there). What it throws is printed, never lost, never rethrown.
     */
    final void deliver(Runnable listener, boolean underCell) {
        Output area = listenerOutput;
        if (underCell && area != null && area != this && Comms.parentMsgId() != null) {
            area.capture(() -> guarded(listener));
        } else {
            guarded(listener);
        }
    }

    private void guarded(Runnable listener) {
        try {
            listener.run();
        } catch (Exception | LinkageError | AssertionError e) {
            System.err.println("Exception in a listener of " + this + ": " + e);
            for (StackTraceElement frame : e.getStackTrace()) {
                if (frame.getClassName().equals(Widget.class.getName()) && (frame.getMethodName().contains("fire") || frame.getMethodName().startsWith("guarded"))) {
                    break;  // the library's dispatch: not the listener's code
                }
                System.err.println("\tat " + frame);
            }
            System.err.flush();
        }
    }

    /** Remembers the listener area of the cell that displays this widget, on it and every widget it holds. */
    final void attachListenerOutput(Output area) {
        Set<Widget<?>> seen = Collections.newSetFromMap(new IdentityHashMap<>());
        attach(area, seen);
    }

    private void attach(Output area, Set<Widget<?>> seen) {
        if (!seen.add(this)) {
            return;
        }
        listenerOutput = area;
        for (Object value : state().values()) {
            if (value instanceof Widget<?> widget) {
                widget.attach(area, seen);
            } else if (value instanceof List<?> list) {
                for (Object item : list) {
                    if (item instanceof Widget<?> widget) {
                        widget.attach(area, seen);
                    }
                }
            }
        }
    }

    final Output listenerOutput() {
        return listenerOutput;
    }

    /**
     * Like ipywidgets' repr: the class name and the public traits that differ from their defaults, value first,
     * e.g. {@code IntSlider(value=5, max=10)}; at most 110 characters.
     */
    @Override
    public String toString() {
        StringBuilder text = new StringBuilder(getClass().getSimpleName()).append('(');
        List<String> shown = new ArrayList<>();
        Map<String, Object> now = state();
        for (Trait trait : traits.values()) {
            String name = trait.name();
            Object value = now.get(name);
            boolean always = name.equals("value") && !(value instanceof byte[]);
            if (name.startsWith("_") || name.equals("layout") || name.equals("style")
                    || (!always && Kind.same(value, trait.defaultValue()))) {
                continue;
            }
            shown.add(name + "=" + repr(value));
        }
        text.append(String.join(", ", shown)).append(')');
        return text.length() > 110 ? text.substring(0, 110) + "…" : text.toString();
    }

    private static String repr(Object value) {
        if (value instanceof String s) {
            return "'" + s + "'";
        }
        if (value instanceof byte[] bytes) {
            return "<" + bytes.length + " bytes>";
        }
        if (value instanceof Widget<?> widget) {
            return widget.getClass().getSimpleName() + "(…)";
        }
        if (value instanceof Boolean b) {
            return b ? "True" : "False";
        }
        return String.valueOf(value);
    }
}
