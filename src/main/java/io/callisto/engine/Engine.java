package io.callisto.engine;

import java.util.List;
import java.util.Map;

/**
 * The language side of the kernel, with no sockets: the kernel hands it code and gets typed answers back.
 * Output written by cells goes to the streams the engine was built with. Positions are UTF-16 indices.
 * {@link #execute} and the other calls come from one thread at a time; {@link #interrupt} from any thread.
 */
public interface Engine extends AutoCloseable {

    /**
     * Names the execute_request the next {@link #execute} serves, for code in the executor that needs it (the
     * widgets' Output capture); by default ignored.
     */
    default void cellStarting(String msgId) {
    }

    /** Runs every snippet of a cell in order, stopping at the first failure. */
    CellOutcome execute(String code, int cellNumber);

    /** Evaluates each expression for execute_request's user_expressions, leaving no declarations behind. */
    Map<String, CellOutcome> evaluate(Map<String, String> expressions);

    Completion complete(String code, int cursor);

    Inspection inspect(String code, int cursor, int detailLevel);

    Completeness isComplete(String code);

    /** Adds a jar or directory to the classpath of the compiler and the JVM that runs cells, for good. */
    void addToClasspath(String path);

    /** The session's variables: name, declared type and value as jshell shows it. */
    List<Variable> variables();

    /** How many variables the session holds, without reading their values. */
    default int variableCount() {
        return variables().size();
    }

    /** The session's imports, as written. */
    List<String> imports();

    /** What a debugger attaches to, or null for an engine that cannot be debugged. */
    default DebugTarget debugTarget() {
        return null;
    }

    /**
     * Forwards one frontend comm message, framed as io.callisto.comm.CommWire frames it, to the JVM running
     * cells, whose comm thread dispatches it.
     *
     * @return the id of the executor it went to (its process id), or -1 when no executor is alive to take it
     */
    default long forwardComm(byte[] framedRecord) {
        return -1;
    }

    /** The id of the executor running cells (its process id), or -1 while none is alive. */
    default long executorId() {
        return -1;
    }

    /** Asks the running cells to stop (the parent shell's and every subshell's); returns at once. */
    void interrupt();

    /**
     * A lane for one subshell's cells (JEP 91): they run concurrently with the parent shell's cells and other
     * lanes', in the same namespace.
     *
     * @throws UnsupportedOperationException when this engine runs cells on the parent shell only
     */
    default Lane openLane() {
        throw new UnsupportedOperationException("this engine has no subshell lanes");
    }

    /** One subshell's way to run cells; its calls come from that subshell's thread, one at a time. */
    interface Lane extends AutoCloseable {
        /**
         * Runs every snippet of a cell in order, stopping at the first failure. What the cell prints and
         * displays in the executor is sent under {@code msgId}, and the executor's output_end record with that
         * parent follows all of it.
         */
        CellOutcome execute(String code, int cellNumber, String msgId);

        /** Ends the lane; a cell it runs finishes first. */
        @Override
        void close();
    }

    @Override
    void close();

    record Variable(String name, String type, String value) {
    }

    /** What a cell ended with. */
    sealed interface CellOutcome {
    }

    /** The cell ran; {@code resultText} is the last expression's value as jshell shows it, or null for none. */
    record Success(String resultText) implements CellOutcome {
    }

    /** The cell failed: ename, evalue and the lines of a readable traceback. */
    record Failure(String ename, String evalue, List<String> traceback) implements CellOutcome {
    }

    /** Completions replacing code[start, end): the text to insert, its kind and, for methods, signatures. */
    record Completion(List<Match> matches, int start, int end) {
    }

    /** One completion: kind is method, field, class, interface, variable, keyword or package. */
    record Match(String text, String type, String signature) {
    }

    /** inspect_reply's answer: the same documentation as plain text and as Markdown. */
    record Inspection(boolean found, String text, String markdown) {
    }

    /** is_complete's answer: status complete, incomplete (with indent), invalid or unknown. */
    record Completeness(String status, String indent) {
    }
}
