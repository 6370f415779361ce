package io.callisto.executor;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.callisto.display.MimeBundle;
import io.callisto.display.Renderers;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What the notebook debugger (io.callisto.debugger, in the kernel JVM) calls in this, the executor JVM, over JDI:
 * a value's text as jshell shows it, its rich MIME bundle as display() would show it, and the elements of a
 * collection or the entries of a map, for the Variables panel.
 *
 * <p>JDI can call a method only on a thread that a debugger event suspended. A cell stopped at a breakpoint
 * is such a thread; when nothing is stopped, the debugger interrupts the probe thread this class starts,
 * which then passes through {@link #ready()}, where the debugger keeps a breakpoint, and calls from there.
 * The probe thread sleeps otherwise, so it costs nothing while no debugger asks. The kernel finds this class,
 * its thread and its methods by name: keep them.
 */
public final class DebugProbe {
    /** The probe thread's name, which the debugger looks for. */
    public static final String THREAD_NAME = "callisto-debug-probe";
    private static final int TEXT_LIMIT = 1000;
    private static final int ELEMENT_LIMIT = 1000;
    private static final ObjectMapper JSON = new ObjectMapper();
    /** Jars and directories cells added (%maven, %jars, addToClasspath), in order. */
    private static final List<String> ADDED = new java.util.concurrent.CopyOnWriteArrayList<>();

    private DebugProbe() {
    }

    /** Starts the probe thread, once, when the executor starts. */
    static void start() {
        Thread probe = new Thread(() -> {
            while (true) {
                try {
                    Thread.sleep(Long.MAX_VALUE);
                } catch (InterruptedException e) {
                    ready();
                }
            }
        }, THREAD_NAME);
        probe.setDaemon(true);
        probe.start();
    }

    /** The debugger's breakpoint: stopped here, the probe thread runs the debugger's calls. Does nothing itself. */
    static void ready() {
        // Nothing: the breakpoint is the point.
    }

    /**
     * The value as jshell shows it: strings and characters quoted, arrays by element; cut at 1000 characters.
     * A toString that throws gives the exception's name instead of failing the caller.
     *
     * @param value any value, or null
     * @return its text
     */
    public static String text(Object value) {
        String text;
        try {
            text = ExecutorControl.textOf(value);
        } catch (RuntimeException | LinkageError e) {
            text = "<" + e.getClass().getName() + " in toString()>";
        }
        return text.length() > TEXT_LIMIT ? text.substring(0, TEXT_LIMIT) + "…" : text;
    }

    /**
     * The value's MIME bundle as a cell's display() would show it, as JSON ({@code {"data": …, "metadata": …}});
     * text/plain alone when no renderer has a rich form for it.
     *
     * @param value any value, or null
     * @return the bundle's JSON text
     */
    public static String rich(Object value) {
        Map<String, Object> bundle = new LinkedHashMap<>();
        Map<String, Object> data = new LinkedHashMap<>();
        Map<String, Object> metadata = new LinkedHashMap<>();
        try {
            MimeBundle rich = Renderers.renderRich(value);
            if (rich != null) {
                data.putAll(rich.data());
                metadata.putAll(rich.metadata());
            }
        } catch (RuntimeException | LinkageError e) {
            data.put("text/plain", text(value) + "\n(its renderer failed: " + e + ")");
        }
        data.putIfAbsent("text/plain", text(value));
        bundle.put("data", data);
        bundle.put("metadata", metadata);
        try {
            return JSON.writeValueAsString(bundle);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            return "{\"data\":{\"text/plain\":" + quote(text(value)) + "},\"metadata\":{}}";
        }
    }

    /**
     * The children the Variables panel shows for a collection (its elements in iteration order) or a map (keys
     * and values alternating), at most 1000 of them; null for anything else, whose fields are shown instead.
     *
     * @param value the container
     * @return the elements, the alternating keys and values, or null
     */
    public static Object[] elements(Object value) {
        try {
            if (value instanceof Map<?, ?> map) {
                List<Object> entries = new ArrayList<>();
                for (Map.Entry<?, ?> entry : map.entrySet()) {
                    if (entries.size() >= 2 * ELEMENT_LIMIT) {
                        break;
                    }
                    entries.add(entry.getKey());
                    entries.add(entry.getValue());
                }
                return entries.toArray();
            }
            if (value instanceof Collection<?> collection) {
                List<Object> elements = new ArrayList<>();
                for (Object element : collection) {
                    if (elements.size() >= ELEMENT_LIMIT) {
                        break;
                    }
                    elements.add(element);
                }
                return elements.toArray();
            }
        } catch (RuntimeException e) {
            return null;  // a collection that cannot be iterated now (modified meanwhile): its fields will do
        }
        return null;
    }

    /** Remembers a classpath entry cells added, for {@link #classpath()}. */
    static void classpathAdded(String path) {
        if (!path.equals(System.getProperty("java.class.path"))) {  // the kernel's own jar, added at start
            ADDED.add(path);
        }
    }

    /**
     * The classpath entries cells added, for the debugger's modules request.
     *
     * @return the entries joined with the path separator
     */
    public static String classpath() {
        return String.join(java.io.File.pathSeparator, ADDED);
    }

    private static String quote(String text) {
        try {
            return JSON.writeValueAsString(text);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            return "\"\"";
        }
    }
}
