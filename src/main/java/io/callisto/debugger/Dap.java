package io.callisto.debugger;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.util.List;

/**
 * The Debug Adapter Protocol's message parts that Callisto sends and reads, as records named as DAP names them
 * (microsoft.github.io/debug-adapter-protocol/specification), with the Jupyter additions of the messaging spec
 * ("Additions to the DAP": dumpCell, debugInfo, inspectVariables, richInspectVariables). DAP is camelCase,
 * unlike the messaging spec, so it has a mapper of its own.
 */
final class Dap {
    /** camelCase names, nulls left out, unknown fields ignored. */
    static final ObjectMapper MAPPER = JsonMapper.builder()
            .serializationInclusion(JsonInclude.Include.NON_NULL)
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .build();

    private Dap() {
    }

    // ---- bodies ----

    record Source(String name, String path, String presentationHint) {
        static Source of(String path) {
            return new Source(path.substring(path.lastIndexOf('/') + 1), path, null);
        }
    }

    record Breakpoint(Integer id, boolean verified, int line, Source source, String message) {
    }

    record StackFrame(int id, String name, Source source, int line, int column, String presentationHint) {
    }

    record Scope(String name, int variablesReference, boolean expensive, String presentationHint) {
    }

    record Variable(String name, String value, String type, int variablesReference, String evaluateName) {
    }

    record Thread(long id, String name) {
    }

    record Module(String id, String name, String path) {
    }

    record ExceptionDetails(String typeName, String fullTypeName, String message, String stackTrace) {
    }

    // ---- arguments ----

    record DumpCellArguments(String code) {
    }

    record SourceBreakpoint(Integer line) {
    }

    record SetBreakpointsArguments(Source source, List<SourceBreakpoint> breakpoints) {
    }

    record SetExceptionBreakpointsArguments(List<String> filters) {
    }

    record ThreadArguments(Long threadId) {
    }

    record StackTraceArguments(Long threadId, Integer startFrame, Integer levels) {
    }

    record ScopesArguments(Integer frameId) {
    }

    record VariablesArguments(Integer variablesReference, Integer start, Integer count) {
    }

    record EvaluateArguments(String expression, Integer frameId, String context) {
    }

    record RichInspectVariablesArguments(String variableName, Integer frameId) {
    }

    record SourceArguments(Source source) {
    }
}
