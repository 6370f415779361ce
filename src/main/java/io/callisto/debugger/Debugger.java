package io.callisto.debugger;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.jdi.PrimitiveValue;
import com.sun.jdi.StringReference;
import com.sun.jdi.ThreadReference;
import com.sun.jdi.Value;
import com.sun.jdi.request.StepRequest;
import io.callisto.engine.DebugTarget;
import io.callisto.engine.NotebookVariable;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import java.util.function.Supplier;
import java.util.logging.Logger;

/**
 * The notebook debugger, in the kernel JVM: answers the Jupyter debug protocol's {@code debug_request}s (DAP
 * requests, messaging spec "Debug request", with the Jupyter additions dumpCell, debugInfo, inspectVariables and
 * richInspectVariables) and publishes DAP events as {@code debug_event}s. The kernel routes requests here one at
 * a time, in order, on its control thread; every request gets a response, {@code success: false} with a
 * message when it cannot be served. The JDI work is {@link Debuggee}'s.
 */
public final class Debugger {
    private static final Logger LOG = Logger.getLogger(Debugger.class.getName());

    /** A request that cannot be served; the message goes to the client. */
    private static final class Refused extends Exception {
        Refused(String message) {
            super(message);
        }
    }

    @FunctionalInterface
    private interface Handler {
        Object handle(JsonNode arguments) throws Exception;
    }

    private final Supplier<DebugTarget> target;
    private final Consumer<ObjectNode> publish;
    private final Runnable interruptCell;
    private final CellFiles files = new CellFiles();
    private final Map<String, Handler> handlers = new HashMap<>();
    private final AtomicInteger seq = new AtomicInteger(1);
    private volatile boolean started;
    private volatile Debuggee debuggee;

    /**
     * @param target the engine's debug target once the engine is up (null before)
     * @param publish sends a DAP event (its JSON) as an IOPub debug_event
     * @param interruptCell interrupts the running cell, as interrupt_request does
     */
    public Debugger(Supplier<DebugTarget> target, Consumer<ObjectNode> publish, Runnable interruptCell) {
        this.target = target;
        this.publish = publish;
        this.interruptCell = interruptCell;
        handlers.put("debugInfo", this::debugInfo);
        handlers.put("initialize", this::initialize);
        handlers.put("attach", arguments -> {
            requireStarted();
            debuggee().attached();
            return null;
        });
        handlers.put("configurationDone", arguments -> null);
        handlers.put("disconnect", this::disconnect);
        handlers.put("dumpCell", arguments ->
                Map.of("sourcePath", files.dump(read(arguments, Dap.DumpCellArguments.class).code())));
        handlers.put("setBreakpoints", this::setBreakpoints);
        handlers.put("setExceptionBreakpoints", arguments -> {
            Dap.SetExceptionBreakpointsArguments set = read(arguments, Dap.SetExceptionBreakpointsArguments.class);
            debuggee().setBreakOnUncaught(set.filters() != null && set.filters().contains("uncaught"));
            return Map.of("breakpoints", List.of());
        });
        handlers.put("threads", arguments -> Map.of("threads", debuggee().threads()));
        handlers.put("stackTrace", this::stackTrace);
        handlers.put("scopes", this::scopes);
        handlers.put("variables", this::variables);
        handlers.put("continue", arguments -> {
            debuggee().resume(read(arguments, Dap.ThreadArguments.class).threadId(), null);
            return Map.of("allThreadsContinued", false);
        });
        handlers.put("next", arguments -> step(arguments, StepRequest.STEP_OVER));
        handlers.put("stepIn", arguments -> step(arguments, StepRequest.STEP_INTO));
        handlers.put("stepOut", arguments -> step(arguments, StepRequest.STEP_OUT));
        handlers.put("pause", arguments -> {
            try {
                debuggee().pause(read(arguments, Dap.ThreadArguments.class).threadId());
            } catch (IllegalStateException e) {
                throw new Refused(e.getMessage());
            }
            return null;
        });
        handlers.put("evaluate", this::evaluate);
        handlers.put("inspectVariables", arguments -> Map.of("variables", notebookVariables()));
        handlers.put("richInspectVariables", this::richInspectVariables);
        handlers.put("source", this::source);
        handlers.put("modules", this::modules);
        handlers.put("exceptionInfo", this::exceptionInfo);
        handlers.put("copyToGlobals", arguments -> {
            throw new Refused("copyToGlobals is not supported; assign the value in a cell");
        });
    }

    /**
     * Answers one debug_request.
     *
     * @param request the debug_request's content, a DAP request ({@code seq}, {@code command}, {@code arguments})
     * @return the debug_reply's content, a DAP response; never null, never thrown
     */
    public ObjectNode handle(JsonNode request) {
        String command = request != null && request.path("command").isTextual() ? request.get("command").asText() : null;
        int requestSeq = request == null ? 0 : request.path("seq").asInt(0);
        if (command == null) {
            return response(requestSeq, "", false, "a debug_request's content must be a DAP request with a command", null);
        }
        Handler handler = handlers.get(command);
        if (handler == null) {
            return response(requestSeq, command, false, "unknown or unsupported DAP command: " + command, null);
        }
        JsonNode arguments = request.path("arguments");
        if (!arguments.isMissingNode() && !arguments.isNull() && !arguments.isObject()) {
            return response(requestSeq, command, false, "a DAP request's arguments must be an object", null);
        }
        try {
            return response(requestSeq, command, true, null, handler.handle(arguments.isObject() ? arguments : Dap.MAPPER.createObjectNode()));
        } catch (Refused | IllegalArgumentException | IllegalStateException e) {
            return response(requestSeq, command, false, e.getMessage(), null);
        } catch (com.sun.jdi.VMDisconnectedException e) {
            return response(requestSeq, command, false, "the JVM running cells has ended", null);
        } catch (Exception | Error e) {
            LOG.warning("debug request " + command + " failed: " + e);
            return response(requestSeq, command, false, command + " failed: " + e, null);
        }
    }

    /** An interrupt came: threads stopped in the debugger resume, so the interrupt's stop reaches the cell. */
    public void interrupted() {
        Debuggee current = debuggee;
        if (current != null) {
            current.resumeAll();
        }
    }

    private ObjectNode response(int requestSeq, String command, boolean success, String message, Object body) {
        ObjectNode response = Dap.MAPPER.createObjectNode();
        response.put("seq", seq.getAndIncrement());
        response.put("type", "response");
        response.put("request_seq", requestSeq);
        response.put("success", success);
        response.put("command", command);
        if (message != null) {
            response.put("message", message);
        }
        response.set("body", body == null ? Dap.MAPPER.createObjectNode() : Dap.MAPPER.valueToTree(body));
        return response;
    }

    private void event(String name, Object body) {
        ObjectNode event = Dap.MAPPER.createObjectNode();
        event.put("seq", seq.getAndIncrement());
        event.put("type", "event");
        event.put("event", name);
        event.set("body", body == null ? Dap.MAPPER.createObjectNode() : Dap.MAPPER.valueToTree(body));
        publish.accept(event);
    }

    private static <T> T read(JsonNode arguments, Class<T> type) {
        return Dap.MAPPER.convertValue(arguments, type);
    }

    private void requireStarted() throws Refused {
        if (!started) {
            throw new Refused("the debugger is not started: send initialize first");
        }
    }

    /** The JDI side, made when first needed; fails when the engine or its executor is not up. */
    private Debuggee debuggee() throws Refused {
        Debuggee current = debuggee;
        if (current == null) {
            DebugTarget engine = target.get();
            if (engine == null) {
                throw new Refused("the kernel is still starting its Java engine");
            }
            current = new Debuggee(engine, files, new Debuggee.Events() {
                @Override
                public void stopped(String reason, long threadId, List<Integer> hitBreakpointIds) {
                    Map<String, Object> body = new LinkedHashMap<>();
                    body.put("reason", reason);
                    body.put("threadId", threadId);
                    body.put("allThreadsStopped", false);
                    if (!hitBreakpointIds.isEmpty()) {
                        body.put("hitBreakpointIds", hitBreakpointIds);
                    }
                    event("stopped", body);
                }

                @Override
                public void continued(long threadId) {
                    event("continued", Map.of("threadId", threadId, "allThreadsContinued", false));
                }

                @Override
                public void thread(String reason, long threadId) {
                    event("thread", Map.of("reason", reason, "threadId", threadId));
                }

                @Override
                public void output(String text) {
                    event("output", Map.of("category", "console", "output", text));
                }
            });
            engine.listen(current);
            debuggee = current;
        }
        if (!current.attached()) {
            throw new Refused("no JVM is running cells now");
        }
        return current;
    }

    // ---- requests ----

    private Object debugInfo(JsonNode arguments) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("isStarted", started);
        body.put("hashMethod", "Murmur2");
        body.put("hashSeed", CellFiles.SEED);
        body.put("tmpFilePrefix", files.prefix());
        body.put("tmpFileSuffix", CellFiles.SUFFIX);
        List<Map<String, Object>> breakpoints = new ArrayList<>();
        Debuggee current = debuggee;
        if (current != null) {
            current.breakpoints().forEach((path, lines) -> breakpoints.add(Map.of("source", path,
                    "breakpoints", lines.stream().map(line -> Map.of("line", line)).toList())));
        }
        body.put("breakpoints", breakpoints);
        body.put("stoppedThreads", current == null ? List.of() : current.stoppedThreads());
        body.put("richRendering", true);
        body.put("exceptionPaths", List.of("Java Exceptions"));
        body.put("copyToGlobals", false);
        return body;
    }

    private Object initialize(JsonNode arguments) throws Refused {
        debuggee().previewAll = true;
        started = true;
        Map<String, Object> capabilities = new LinkedHashMap<>();
        capabilities.put("supportsConfigurationDoneRequest", true);
        capabilities.put("supportsModulesRequest", true);
        capabilities.put("supportsExceptionInfoRequest", true);
        capabilities.put("supportsEvaluateForHovers", true);
        capabilities.put("supportsDelayedStackTraceLoading", false);
        capabilities.put("exceptionBreakpointFilters",
                List.of(Map.of("filter", "uncaught", "label", "Uncaught Exceptions", "default", false)));
        event("initialized", null);
        return capabilities;
    }

    /**
     * disconnect (the user turned the debugger off): a cell stopped in the debugger ends at once, as an
     * interrupt ends it, rather than running on unwatched; breakpoints go, and a later initialize starts afresh.
     */
    private Object disconnect(JsonNode arguments) {
        Debuggee current = debuggee;
        if (current != null && !current.stoppedThreads().isEmpty()) {
            interruptCell.run();
        }
        debuggee = null;
        started = false;
        if (current != null) {
            current.detach();
            DebugTarget engine = target.get();
            if (engine != null) {
                engine.listen(null);
            }
        }
        return null;
    }

    private Object setBreakpoints(JsonNode arguments) throws Refused {
        Dap.SetBreakpointsArguments set = read(arguments, Dap.SetBreakpointsArguments.class);
        if (set.source() == null || set.source().path() == null) {
            throw new Refused("setBreakpoints needs source.path");
        }
        List<Integer> lines = new ArrayList<>();
        if (set.breakpoints() != null) {
            for (Dap.SourceBreakpoint breakpoint : set.breakpoints()) {
                if (breakpoint == null || breakpoint.line() == null) {
                    throw new Refused("each breakpoint needs a line");
                }
                lines.add(breakpoint.line());
            }
        }
        return Map.of("breakpoints", debuggee().setBreakpoints(set.source().path(), lines));
    }

    private Object step(JsonNode arguments, int depth) throws Refused {
        debuggee().resume(read(arguments, Dap.ThreadArguments.class).threadId(), depth);
        return null;
    }

    private Object stackTrace(JsonNode arguments) throws Exception {
        Dap.StackTraceArguments trace = read(arguments, Dap.StackTraceArguments.class);
        List<Dap.StackFrame> frames = debuggee().stackTrace(trace.threadId());
        int start = trace.startFrame() == null ? 0 : Math.min(trace.startFrame(), frames.size());
        int end = trace.levels() == null || trace.levels() <= 0 ? frames.size() : Math.min(frames.size(), start + trace.levels());
        return Map.of("stackFrames", frames.subList(start, end), "totalFrames", frames.size());
    }

    private Object scopes(JsonNode arguments) throws Refused {
        Dap.ScopesArguments scopes = read(arguments, Dap.ScopesArguments.class);
        Debuggee current = debuggee();
        Variables.FrameScope frame = scopes.frameId() == null ? null : current.frame(scopes.frameId());
        if (frame == null) {
            throw new Refused("no frame " + scopes.frameId() + " (ask stackTrace again)");
        }
        return Map.of("scopes", List.of(
                new Dap.Scope("Locals", current.variables.reference(frame), false, "locals"),
                new Dap.Scope("Notebook", current.variables.reference(new Variables.NotebookScope()), false, null)));
    }

    private Object variables(JsonNode arguments) throws Exception {
        Dap.VariablesArguments asked = read(arguments, Dap.VariablesArguments.class);
        if (asked.variablesReference() == null) {
            throw new Refused("variables needs a variablesReference");
        }
        Debuggee current = debuggee();
        List<Dap.Variable> variables = current.invoker.withThread(current.callingThread(),
                caller -> current.variables.variables(asked.variablesReference(), caller));
        int start = asked.start() == null ? 0 : Math.min(asked.start(), variables.size());
        int end = asked.count() == null || asked.count() <= 0 ? variables.size() : Math.min(variables.size(), start + asked.count());
        return Map.of("variables", variables.subList(start, end));
    }

    private List<Dap.Variable> notebookVariables() throws Refused, Invoker.CallFailed {
        Debuggee current = debuggee();
        return current.invoker.withThread(current.callingThread(), caller -> current.variables.notebook(caller));
    }

    private Object evaluate(JsonNode arguments) throws Exception {
        Dap.EvaluateArguments evaluate = read(arguments, Dap.EvaluateArguments.class);
        if (evaluate.expression() == null || evaluate.expression().isBlank()) {
            throw new Refused("evaluate needs an expression");
        }
        Debuggee current = debuggee();
        Variables.FrameScope frame = evaluate.frameId() == null ? null : current.frame(evaluate.frameId());
        ThreadReference suspended = frame != null && current.stopOf(frame.thread().uniqueID()) != null
                && current.stopOf(frame.thread().uniqueID()).byEvent() ? frame.thread() : current.callingThread();
        List<NotebookVariable> notebook = current.variables == null ? List.of() : targetVariables();
        try {
            return current.invoker.withThread(suspended, caller -> {
                Value value = Evaluator.evaluate(evaluate.expression(), caller.virtualMachine(),
                        frame == null ? null : () -> frame.thread().frame(frame.depth()), current.variables, notebook, caller);
                Dap.Variable shown = current.variables.variable("", value, evaluate.expression(), caller);
                Map<String, Object> body = new LinkedHashMap<>();
                body.put("result", shown.value());
                body.put("type", shown.type());
                body.put("variablesReference", shown.variablesReference());
                return body;
            });
        } catch (Invoker.CallFailed e) {
            Throwable cause = e;
            throw new Refused(cause.getMessage());
        }
    }

    private List<NotebookVariable> targetVariables() {
        DebugTarget engine = target.get();
        return engine == null ? List.of() : engine.variables();
    }

    private Object richInspectVariables(JsonNode arguments) throws Exception {
        Dap.RichInspectVariablesArguments inspect = read(arguments, Dap.RichInspectVariablesArguments.class);
        if (inspect.variableName() == null) {
            throw new Refused("richInspectVariables needs a variableName");
        }
        Debuggee current = debuggee();
        Variables.FrameScope frame = inspect.frameId() == null ? null : current.frame(inspect.frameId());
        List<NotebookVariable> notebook = targetVariables();
        String json = current.invoker.withThread(current.callingThread(), caller -> {
            Value value;
            try {
                value = Evaluator.evaluate(inspect.variableName(), caller.virtualMachine(),
                        frame == null ? null : () -> frame.thread().frame(frame.depth()), current.variables, notebook, caller);
            } catch (Evaluator.EvaluationError e) {
                return null;
            }
            if (value == null || value instanceof PrimitiveValue || value instanceof StringReference) {
                return Dap.MAPPER.writeValueAsString(Map.of("data",
                        Map.of("text/plain", current.variables.text(value, caller)), "metadata", Map.of()));
            }
            Value rich = current.invoker.probe(caller, "rich", value);
            return rich instanceof StringReference text ? text.value() : null;
        });
        if (json == null) {
            throw new Refused("no variable " + inspect.variableName());
        }
        return Dap.MAPPER.readTree(json);
    }

    private Object source(JsonNode arguments) throws Refused {
        Dap.SourceArguments source = read(arguments, Dap.SourceArguments.class);
        String path = source.source() == null ? null : source.source().path();
        String code = path == null ? null : files.code(path);
        if (code == null) {
            throw new Refused("no cell's source at " + path);
        }
        return Map.of("content", code, "mimeType", "text/x-java");
    }

    private Object modules(JsonNode arguments) throws Exception {
        Debuggee current = debuggee();
        List<Dap.Module> modules = new ArrayList<>();
        String added = current.invoker.withThread(current.callingThread(), caller -> {
            Value value = current.invoker.probe(caller, "classpath");
            return value instanceof StringReference text ? text.value() : "";
        });
        for (String entry : added.split(java.io.File.pathSeparator)) {
            if (!entry.isBlank()) {
                modules.add(new Dap.Module(entry, entry.substring(entry.lastIndexOf('/') + 1), entry));
            }
        }
        return Map.of("modules", modules, "totalModules", modules.size());
    }

    private Object exceptionInfo(JsonNode arguments) throws Exception {
        Debuggee current = debuggee();
        Debuggee.Stop stop = current.stopOf(read(arguments, Dap.ThreadArguments.class).threadId());
        if (stop == null || stop.exception() == null) {
            throw new Refused("the thread is not stopped at an exception");
        }
        String type = stop.exception().referenceType().name();
        String description = Variables.withoutWrappers(
                current.invoker.withThread(stop.thread(), caller -> current.variables.text(stop.exception(), caller)));
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("exceptionId", type);
        body.put("description", description);
        body.put("breakMode", "unhandled");
        body.put("details", new Dap.ExceptionDetails(Variables.typeName(type), type,
                Variables.withoutWrappers(detailMessage(stop.exception())), null));
        return body;
    }

    /** Throwable's own message field, read without calling getMessage; null when it has none. */
    private static String detailMessage(com.sun.jdi.ObjectReference exception) {
        List<com.sun.jdi.ReferenceType> throwable = exception.virtualMachine().classesByName("java.lang.Throwable");
        com.sun.jdi.Field field = throwable.isEmpty() ? null : throwable.get(0).fieldByName("detailMessage");
        Value message = field == null ? null : exception.getValue(field);
        return message instanceof StringReference text ? text.value() : null;
    }

    /** For tests: the path under which a cell's code is known. */
    String pathOf(String code) {
        return files.pathOf(code);
    }

}
