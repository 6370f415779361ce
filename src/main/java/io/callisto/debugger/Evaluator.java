package io.callisto.debugger;

import com.sun.jdi.AbsentInformationException;
import com.sun.jdi.ArrayReference;
import com.sun.jdi.ClassType;
import com.sun.jdi.Field;
import com.sun.jdi.IntegerValue;
import com.sun.jdi.LocalVariable;
import com.sun.jdi.Method;
import com.sun.jdi.ObjectReference;
import com.sun.jdi.ReferenceType;
import com.sun.jdi.StackFrame;
import com.sun.jdi.ThreadReference;
import com.sun.jdi.Value;
import com.sun.jdi.VirtualMachine;
import io.callisto.engine.NotebookVariable;
import java.util.ArrayList;
import java.util.List;

/**
 * The debug console's expressions (DAP {@code evaluate}), evaluated over JDI in a stopped frame or, with no
 * frame, against the notebook's variables: names (a local, a field of {@code this}, a static of the frame's
 * class, a notebook variable), field access, array elements, method calls with arguments, and literals
 * (numbers, strings, characters, true, false, null). Anything else (operators, lambdas, new) is refused with
 * a message saying what the console takes; a cell can run the rest.
 */
final class Evaluator {
    /** An expression the console cannot evaluate, or one that failed; the message is for the user. */
    static final class EvaluationError extends Exception {
        EvaluationError(String message) {
            super(message);
        }
    }

    private final String text;
    private final VirtualMachine vm;
    private final StackFrameSupplier frame;
    private final Variables variables;
    private final List<NotebookVariable> notebook;
    private final ThreadReference caller;
    private int at;

    /** Gives the frame afresh: a method call resumes the thread for a moment, which invalidates frame objects. */
    interface StackFrameSupplier {
        StackFrame get() throws Exception;
    }

    private Evaluator(String text, VirtualMachine vm, StackFrameSupplier frame, Variables variables,
            List<NotebookVariable> notebook, ThreadReference caller) {
        this.text = text;
        this.vm = vm;
        this.frame = frame;
        this.variables = variables;
        this.notebook = notebook;
        this.caller = caller;
    }

    /**
     * Evaluates {@code expression}.
     *
     * @param frame the stopped frame to evaluate in, or null for the notebook's variables only
     * @param caller the thread that calls methods (suspended by a debugger event)
     * @throws EvaluationError when the expression is outside what the console takes, or fails
     */
    static Value evaluate(String expression, VirtualMachine vm, StackFrameSupplier frame, Variables variables,
            List<NotebookVariable> notebook, ThreadReference caller) throws EvaluationError {
        Evaluator evaluator = new Evaluator(expression.strip(), vm, frame, variables, notebook, caller);
        Value value = evaluator.expression();
        evaluator.skipSpaces();
        if (evaluator.at < evaluator.text.length()) {
            throw evaluator.unsupported();
        }
        return value;
    }

    private Value expression() throws EvaluationError {
        Value value = primary();
        while (true) {
            skipSpaces();
            if (take('.')) {
                String name = identifier();
                skipSpaces();
                value = peek('(') ? call(value, null, name, arguments()) : field(value, name);
            } else if (take('[')) {
                Value index = expression();
                expect(']');
                value = element(value, index);
            } else {
                return value;
            }
        }
    }

    private Value primary() throws EvaluationError {
        skipSpaces();
        if (at >= text.length()) {
            throw new EvaluationError("an expression is needed");
        }
        char c = text.charAt(at);
        if (c == '(') {
            at++;
            Value inner = expression();
            expect(')');
            return inner;
        }
        if (c == '"') {
            return vm.mirrorOf(stringLiteral());
        }
        if (c == '\'') {
            at++;
            char value = text.charAt(at++);
            expect('\'');
            return vm.mirrorOf(value);
        }
        if (Character.isDigit(c) || c == '-') {
            return number();
        }
        String name = identifier();
        switch (name) {
            case "true" -> {
                return vm.mirrorOf(true);
            }
            case "false" -> {
                return vm.mirrorOf(false);
            }
            case "null" -> {
                return null;
            }
            default -> {
            }
        }
        skipSpaces();
        if (peek('(')) {
            return call(null, null, name, arguments());
        }
        try {
            return name(name);
        } catch (EvaluationError notAVariable) {
            // Math.max(1, 2), a cell's class's static: a class named without its package.
            ReferenceType type = peek('.') ? variables.classNamed(name) : null;
            if (type == null) {
                throw notAVariable;
            }
            take('.');
            String member = identifier();
            skipSpaces();
            if (peek('(')) {
                return call(null, type, member, arguments());
            }
            Field field = type.fieldByName(member);
            if (field == null || !field.isStatic()) {
                throw new EvaluationError(Variables.typeName(type) + " has no static field " + member);
            }
            return type.getValue(field);
        }
    }

    private Value name(String name) throws EvaluationError {
        StackFrame current = currentFrame();
        if (current != null) {
            try {
                if (name.equals("this") && current.thisObject() != null) {
                    return current.thisObject();
                }
                LocalVariable local = current.visibleVariableByName(name);
                if (local != null) {
                    return current.getValue(local);
                }
            } catch (AbsentInformationException e) {
                // No local names in this frame: fields and notebook variables still resolve.
            }
            ObjectReference self = current.thisObject();
            if (self != null && self.referenceType().fieldByName(name) != null) {
                return self.getValue(self.referenceType().fieldByName(name));
            }
            ReferenceType type = current.location().declaringType();
            Field field = type.fieldByName(name);
            if (field != null && field.isStatic()) {
                return type.getValue(field);
            }
        }
        for (NotebookVariable declared : notebook) {
            if (declared.name().equals(name)) {
                try {
                    return variables.notebookValue(declared);
                } catch (IllegalStateException e) {
                    throw new EvaluationError(name + " cannot be read: " + e.getMessage());
                }
            }
        }
        throw new EvaluationError("no variable " + name + " here");
    }

    private Value field(Value target, String name) throws EvaluationError {
        if (target instanceof ArrayReference array && name.equals("length")) {
            return vm.mirrorOf(array.length());
        }
        if (!(target instanceof ObjectReference object)) {
            throw new EvaluationError("." + name + " on " + (target == null ? "null" : "a primitive"));
        }
        Field field = object.referenceType().fieldByName(name);
        if (field == null) {
            throw new EvaluationError(Variables.typeName(object) + " has no field " + name);
        }
        return field.isStatic() ? object.referenceType().getValue(field) : object.getValue(field);
    }

    private Value element(Value target, Value index) throws EvaluationError {
        if (!(target instanceof ArrayReference array)) {
            throw new EvaluationError("[] needs an array; for a list, call get(i)");
        }
        if (!(index instanceof IntegerValue position) || position.value() < 0 || position.value() >= array.length()) {
            throw new EvaluationError("index " + index + " is outside the array's " + array.length() + " elements");
        }
        return array.getValue(position.value());
    }

    /**
     * A method call: on {@code target}; else a static method of {@code staticType}; else, unqualified, a method of
     * this, a static of the frame's class, or a method declared in a cell (cells call each other's methods
     * unqualified).
     */
    private Value call(Value target, ReferenceType staticType, String name, List<Value> arguments) throws EvaluationError {
        ObjectReference object = null;
        ReferenceType owner = staticType;
        if (target != null) {
            if (!(target instanceof ObjectReference reference)) {
                throw new EvaluationError("cannot call " + name + " on a primitive");
            }
            object = reference;
            owner = reference.referenceType();
        } else if (staticType == null) {
            StackFrame current = currentFrame();
            if (current != null && current.thisObject() != null
                    && !current.thisObject().referenceType().methodsByName(name).isEmpty()) {
                object = current.thisObject();
                owner = object.referenceType();
            } else if (current != null && current.location().declaringType().methodsByName(name).stream()
                    .anyMatch(Method::isStatic)) {
                owner = current.location().declaringType();
            } else {
                List<ReferenceType> notebook = variables.notebookMethodOwners(name);
                owner = notebook.isEmpty() ? null : notebook.get(0);
            }
        }
        if (owner == null) {
            throw new EvaluationError("no method " + name + " here");
        }
        if (caller == null) {
            throw new EvaluationError("no thread can call methods now");
        }
        List<Method> candidates = new ArrayList<>();
        for (Method method : owner.methodsByName(name)) {
            if (method.argumentTypeNames().size() == arguments.size() && (object != null || method.isStatic())) {
                candidates.add(method);
            }
        }
        if (candidates.isEmpty()) {
            throw new EvaluationError(Variables.typeName(owner) + " has no method " + name + " taking "
                    + arguments.size() + " argument(s)");
        }
        Exception last = null;
        for (Method method : candidates) {
            try {
                if (object != null) {
                    return Invoker.invoke(caller, object, method, arguments);
                }
                return ((ClassType) owner).invokeMethod(caller, method, arguments, ClassType.INVOKE_SINGLE_THREADED);
            } catch (com.sun.jdi.InvocationException e) {
                throw new EvaluationError(name + " threw " + e.exception().referenceType().name());
            } catch (Exception e) {
                last = e;  // the arguments fit another overload, maybe
            }
        }
        throw new EvaluationError("could not call " + name + ": " + last);
    }


    private StackFrame currentFrame() throws EvaluationError {
        if (frame == null) {
            return null;
        }
        try {
            return frame.get();
        } catch (Exception e) {
            throw new EvaluationError("the frame is gone: " + e.getMessage());
        }
    }

    private List<Value> arguments() throws EvaluationError {
        expect('(');
        List<Value> arguments = new ArrayList<>();
        skipSpaces();
        if (take(')')) {
            return arguments;
        }
        do {
            arguments.add(expression());
            skipSpaces();
        } while (take(','));
        expect(')');
        return arguments;
    }

    private Value number() throws EvaluationError {
        int start = at;
        if (text.charAt(at) == '-') {
            at++;
        }
        while (at < text.length() && (Character.isLetterOrDigit(text.charAt(at)) || text.charAt(at) == '.'
                || text.charAt(at) == '_')) {
            at++;
        }
        String literal = text.substring(start, at).replace("_", "");
        try {
            if (literal.endsWith("L") || literal.endsWith("l")) {
                return vm.mirrorOf(Long.parseLong(literal.substring(0, literal.length() - 1)));
            }
            if (literal.contains(".") || literal.endsWith("d") || literal.endsWith("D")) {
                return vm.mirrorOf(Double.parseDouble(literal));
            }
            return vm.mirrorOf(Integer.parseInt(literal));
        } catch (NumberFormatException e) {
            throw new EvaluationError("not a number: " + literal);
        }
    }

    private String stringLiteral() throws EvaluationError {
        StringBuilder value = new StringBuilder();
        at++;
        while (at < text.length() && text.charAt(at) != '"') {
            char c = text.charAt(at++);
            if (c == '\\' && at < text.length()) {
                char escaped = text.charAt(at++);
                value.append(switch (escaped) {
                    case 'n' -> '\n';
                    case 't' -> '\t';
                    default -> escaped;
                });
            } else {
                value.append(c);
            }
        }
        expect('"');
        return value.toString();
    }

    private String identifier() throws EvaluationError {
        skipSpaces();
        int start = at;
        while (at < text.length() && Character.isJavaIdentifierPart(text.charAt(at))) {
            at++;
        }
        if (start == at || !Character.isJavaIdentifierStart(text.charAt(start))) {
            throw unsupported();
        }
        return text.substring(start, at);
    }

    private void skipSpaces() {
        while (at < text.length() && Character.isWhitespace(text.charAt(at))) {
            at++;
        }
    }

    private boolean peek(char c) {
        return at < text.length() && text.charAt(at) == c;
    }

    private boolean take(char c) {
        skipSpaces();
        if (peek(c)) {
            at++;
            return true;
        }
        return false;
    }

    private void expect(char c) throws EvaluationError {
        if (!take(c)) {
            throw unsupported();
        }
    }

    private EvaluationError unsupported() {
        return new EvaluationError("the debug console evaluates names, fields, array elements, method calls and"
                + " literals (not '" + text + "'); run other Java in a cell");
    }

}
