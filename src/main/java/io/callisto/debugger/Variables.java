package io.callisto.debugger;

import com.sun.jdi.AbsentInformationException;
import com.sun.jdi.ArrayReference;
import com.sun.jdi.CharValue;
import com.sun.jdi.ClassType;
import com.sun.jdi.Field;
import com.sun.jdi.InterfaceType;
import com.sun.jdi.LocalVariable;
import com.sun.jdi.ObjectReference;
import com.sun.jdi.PrimitiveValue;
import com.sun.jdi.ReferenceType;
import com.sun.jdi.StackFrame;
import com.sun.jdi.StringReference;
import com.sun.jdi.ThreadReference;
import com.sun.jdi.Type;
import com.sun.jdi.Value;
import com.sun.jdi.VirtualMachine;
import io.callisto.engine.DebugTarget;
import io.callisto.engine.NotebookVariable;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * DAP variables over JDI: the scopes of a stopped frame (its locals with {@code this}, and the notebook's
 * variables), and the children of an object (fields), an array, a collection or a map (elements, entries),
 * each under a {@code variablesReference} the client asks for when the user expands it. Values show as jshell
 * shows them, through the executor's DebugProbe (see {@link Invoker}); strings and primitives without a call.
 * References last until the stopped thread resumes.
 */
final class Variables {
    private static final int CHILD_LIMIT = 1000;
    private static final Set<String> BOXES = Set.of("java.lang.Integer", "java.lang.Long", "java.lang.Short",
            "java.lang.Byte", "java.lang.Character", "java.lang.Boolean", "java.lang.Float", "java.lang.Double");

    sealed interface Container permits FrameScope, NotebookScope, Children {
    }

    /** A stopped frame's locals: the thread and the frame's depth on its stack (frames die on resume). */
    record FrameScope(ThreadReference thread, int depth) implements Container {
    }

    record NotebookScope() implements Container {
    }

    record Children(ObjectReference object) implements Container {
    }

    private final DebugTarget target;
    private final Invoker invoker;
    private final Map<Integer, Container> references = new ConcurrentHashMap<>();
    private final AtomicInteger nextReference = new AtomicInteger(1);

    Variables(DebugTarget target, Invoker invoker) {
        this.target = target;
        this.invoker = invoker;
    }

    int reference(Container container) {
        int id = nextReference.getAndIncrement();
        references.put(id, container);
        return id;
    }

    Container container(int reference) {
        return references.get(reference);
    }

    /** Forgets every reference: a thread resumed, so frames and what hung off them are gone. */
    void clear() {
        references.clear();
    }

    /**
     * The variables under a reference.
     *
     * @param suspended a thread stopped by a debugger event, for calls (null: the probe thread)
     * @throws IllegalArgumentException for a reference that is not (or no longer) known
     */
    List<Dap.Variable> variables(int reference, ThreadReference suspended) throws Exception {
        Container container = references.get(reference);
        if (container == null) {
            throw new IllegalArgumentException("no variables under reference " + reference + " (the thread has resumed)");
        }
        if (container instanceof FrameScope frame) {
            return locals(frame, suspended);
        }
        if (container instanceof Children children) {
            return children(children.object(), suspended);
        }
        return notebook(suspended);
    }

    private List<Dap.Variable> locals(FrameScope scope, ThreadReference suspended) throws Exception {
        // Every value is read before any is shown: showing one may call toString on this very thread, which
        // resumes it for the call and leaves this frame object invalid.
        StackFrame frame = scope.thread().frame(scope.depth());
        ObjectReference self = frame.thisObject();
        List<LocalVariable> visible = List.of();
        Map<LocalVariable, Value> values = Map.of();
        try {
            visible = frame.visibleVariables();
            values = frame.getValues(visible);
        } catch (AbsentInformationException e) {
            // Compiled without -g (a library): no local names to show.
        }
        List<Dap.Variable> variables = new ArrayList<>();
        if (self != null) {
            variables.add(variable("this", self, "this", suspended));
        }
        for (LocalVariable local : visible) {
            variables.add(variable(local.name(), values.get(local), local.name(), suspended));
        }
        return variables;
    }

    /** The notebook's variables with their current values, in declaration order. */
    List<Dap.Variable> notebook(ThreadReference suspended) {
        List<Dap.Variable> variables = new ArrayList<>();
        for (NotebookVariable declared : target.variables()) {
            Value value;
            try {
                value = notebookValue(declared);
            } catch (IllegalStateException e) {
                continue;  // its class is gone (a redefinition in flight): skip it
            }
            Dap.Variable shown = variable(declared.name(), value, declared.name(), suspended);
            variables.add(new Dap.Variable(shown.name(), shown.value(), declared.type(), shown.variablesReference(),
                    shown.evaluateName()));
        }
        return variables;
    }

    /**
     * A notebook variable's value: the static field of its wrapper class, read over JDI.
     *
     * @throws IllegalStateException when the class or field is not in the executor JVM
     */
    Value notebookValue(NotebookVariable declared) {
        VirtualMachine vm = target.vm();
        if (vm == null) {
            throw new IllegalStateException("no executor");
        }
        List<ReferenceType> types = vm.classesByName(declared.className());
        if (types.isEmpty()) {
            throw new IllegalStateException(declared.className() + " is not loaded");
        }
        Field field = types.get(0).fieldByName(declared.name());
        if (field == null) {
            throw new IllegalStateException(declared.name() + " is not a field of " + declared.className());
        }
        return types.get(0).getValue(field);
    }

    private List<Dap.Variable> children(ObjectReference object, ThreadReference suspended) throws Exception {
        List<Dap.Variable> variables = new ArrayList<>();
        if (object instanceof ArrayReference array) {
            int length = Math.min(array.length(), CHILD_LIMIT);
            List<Value> values = length == 0 ? List.of() : array.getValues(0, length);
            for (int i = 0; i < length; i++) {
                variables.add(variable("[" + i + "]", values.get(i), null, suspended));
            }
            return variables;
        }
        boolean map = implementsType(object.referenceType(), "java.util.Map");
        if (map || implementsType(object.referenceType(), "java.util.Collection")) {
            Value elements;
            try {
                elements = invoker.probe(suspended, "elements", object);
            } catch (Invoker.CallFailed e) {
                elements = null;
            }
            if (elements instanceof ArrayReference array) {
                List<Value> values = array.length() == 0 ? List.of() : array.getValues();
                if (map) {
                    for (int i = 0; i + 1 < values.size(); i += 2) {
                        variables.add(variable(text(values.get(i), suspended), values.get(i + 1), null, suspended));
                    }
                } else {
                    for (int i = 0; i < values.size(); i++) {
                        variables.add(variable("[" + i + "]", values.get(i), null, suspended));
                    }
                }
                return variables;
            }
        }
        if (object.referenceType() instanceof ClassType type) {
            List<Field> fields = type.allFields().stream().filter(field -> !field.isStatic()).toList();
            Map<Field, Value> values = object.getValues(fields);
            for (Field field : fields) {
                variables.add(variable(field.name(), values.get(field), null, suspended));
            }
        }
        return variables;
    }

    /**
     * The loaded classes of the notebook that declare a static method {@code name}: the cells' own methods,
     * which cells call unqualified. Latest snippets first.
     */
    List<ReferenceType> notebookMethodOwners(String name) {
        VirtualMachine vm = target.vm();
        List<ReferenceType> owners = new ArrayList<>();
        if (vm == null) {
            return owners;
        }
        List<String> classes = new ArrayList<>();
        for (var location : target.locations()) {
            classes.add(location.className());
        }
        classes.sort(java.util.Comparator.comparingInt(Variables::snippetIndex).reversed());
        for (String className : classes) {
            for (ReferenceType type : vm.classesByName(className)) {
                if (type.methodsByName(name).stream().anyMatch(com.sun.jdi.Method::isStatic)) {
                    owners.add(type);
                }
            }
        }
        return owners;
    }

    /**
     * A class a cell may name without a package: java.lang's, java.util's, or one declared in a cell; null when
     * none such is loaded.
     */
    ReferenceType classNamed(String simpleName) {
        VirtualMachine vm = target.vm();
        if (vm == null) {
            return null;
        }
        for (String candidate : List.of("java.lang." + simpleName, "java.util." + simpleName)) {
            List<ReferenceType> types = vm.classesByName(candidate);
            if (!types.isEmpty()) {
                return types.get(0);
            }
        }
        for (var location : target.locations()) {
            List<ReferenceType> types = vm.classesByName(location.className() + "$" + simpleName);
            if (!types.isEmpty()) {
                return types.get(0);
            }
        }
        return null;
    }

    private static int snippetIndex(String className) {
        String digits = className.substring("REPL.$JShell$".length()).replaceAll("\\D.*", "");
        return digits.isEmpty() ? 0 : Integer.parseInt(digits);
    }

    /** One DAP variable: its value's text and type, and a reference when it can be expanded. */
    Dap.Variable variable(String name, Value value, String evaluateName, ThreadReference suspended) {
        int reference = expandable(value) ? reference(new Children((ObjectReference) value)) : 0;
        return new Dap.Variable(name, text(value, suspended), typeName(value), reference, evaluateName);
    }

    private static boolean expandable(Value value) {
        if (!(value instanceof ObjectReference object) || value instanceof StringReference) {
            return false;
        }
        return !BOXES.contains(object.referenceType().name());
    }

    /** The value as jshell shows it; objects through their toString in the executor. */
    String text(Value value, ThreadReference suspended) {
        if (value == null) {
            return "null";
        }
        if (value instanceof CharValue character) {
            return "'" + character.value() + "'";
        }
        if (value instanceof PrimitiveValue) {
            return value.toString();
        }
        if (value instanceof StringReference string) {
            return quote(string.value());
        }
        ObjectReference object = (ObjectReference) value;
        if (BOXES.contains(object.referenceType().name())) {
            Field boxed = object.referenceType().fieldByName("value");
            if (boxed != null) {
                return text(object.getValue(boxed), suspended);
            }
        }
        try {
            Value shown = invoker.probe(suspended, "text", object);
            if (shown instanceof StringReference string) {
                return string.value();
            }
        } catch (Invoker.CallFailed e) {
            return typeName(value) + "@" + object.uniqueID() + " (" + e.getMessage() + ")";
        }
        return typeName(value) + "@" + object.uniqueID();
    }

    /** A type's name as the user wrote it: a snippet's class without JShell's wrapper, java.lang's short. */
    static String typeName(Value value) {
        return value == null ? "null" : typeName(value.type());
    }

    static String typeName(Type type) {
        return typeName(type.name());
    }

    /** As {@link #typeName(Type)}, from a binary name. */
    static String typeName(String binaryName) {
        String name = binaryName;
        if (name.startsWith("REPL.$JShell$")) {
            int nested = name.indexOf('$', "REPL.$JShell$".length());
            name = nested < 0 ? "cell" : name.substring(nested + 1);  // a snippet's own wrapper is the cell's code
        }
        if (name.startsWith("java.lang.") && name.indexOf('.', "java.lang.".length()) < 0) {
            name = name.substring("java.lang.".length());
        }
        return name.replace('$', '.');
    }

    static boolean implementsType(ReferenceType type, String interfaceName) {
        if (type instanceof ClassType classType) {
            for (InterfaceType implemented : classType.allInterfaces()) {
                if (implemented.name().equals(interfaceName)) {
                    return true;
                }
            }
        }
        return false;
    }

    /** A JVM message as the user wrote the names: {@code "REPL.$JShell$38.o" is null} reads {@code "o" is null}. */
    static String withoutWrappers(String text) {
        return text == null ? null : text.replaceAll("REPL\\.\\$JShell\\$\\d+[A-Z]*[.$]", "");
    }

    static String quote(String text) {
        StringBuilder quoted = new StringBuilder("\"");
        for (char c : text.toCharArray()) {
            switch (c) {
                case '"' -> quoted.append("\\\"");
                case '\\' -> quoted.append("\\\\");
                case '\n' -> quoted.append("\\n");
                case '\t' -> quoted.append("\\t");
                case '\r' -> quoted.append("\\r");
                default -> quoted.append(c);
            }
        }
        return quoted.append('"').toString();
    }
}
