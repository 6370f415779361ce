package io.callisto.magics;

import io.callisto.engine.CodeMask;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Magics inside Java code, as IJava writes them: {@code List<String> added = %jars lib/*.jar;} (a magic after
 * {@code =} takes the rest of its line, a final {@code ;} ending the statement), and IJava's runtime calls with
 * literal arguments, {@code lineMagic("jars", List.of("lib/*.jar"))} and {@code cellMagic("name", List.of(…),
 * "body")}. Magics live in the kernel JVM and the code runs in the executor, so the kernel runs each one
 * before the line is compiled and puts its value in its place as a Java expression; the line stays where it
 * was, so compile errors still name the cell's own line.
 */
final class InlineMagics {
    private static final String STRING = "\"(?:[^\"\\\\\\n]|\\\\.)*\"";
    /** A magic after an assignment: {@code = %name args} to the end of the line. */
    private static final Pattern ASSIGNED = Pattern.compile("=\\s*(%([A-Za-z][\\w-]*)(.*))$");
    /** A whole line that is a magic, continuing a statement begun above ({@code x =} on the line before). */
    private static final Pattern WHOLE_LINE = Pattern.compile("^\\s*(%([A-Za-z][\\w-]*)(.*))$");
    private static final Pattern CALL = Pattern.compile(
            "(?<![\\w.$])(?:(?:io\\.github\\.spencerpark\\.ijava\\.runtime\\.)?Magics\\.)?(lineMagic|cellMagic)\\s*\\(\\s*(" + STRING
                    + ")\\s*,\\s*(?:java\\.util\\.)?List\\.of\\s*\\(\\s*((?:" + STRING + "\\s*(?:,\\s*" + STRING
                    + "\\s*)*)?)\\)\\s*(?:,\\s*(" + STRING + ")\\s*)?\\)");
    private static final Pattern STRING_LITERAL = Pattern.compile(STRING);
    private static final Pattern TRAILING_COMMENT = Pattern.compile("(^|\\s)//");
    /** What a magic without a value becomes: null that is also a valid statement and fits any type. */
    static final String NO_VALUE = "io.callisto.notebook.MagicValue.none()";

    /** One magic found in a line: where it is, which magic, its arguments, and what follows it. */
    record Use(int start, int end, String name, boolean cell, String args, String body, String rest) {
    }

    private InlineMagics() {
    }

    /** Whether a line holds an inline magic or a runtime magic call with literal arguments. */
    static boolean hasUse(String line) {
        return (line.indexOf('%') >= 0 || line.contains("Magic")) && !find(line, false).isEmpty();
    }

    /**
     * The magics used as values in a line, left to right.
     *
     * @param line            one line of a cell
     * @param continuesAbove  whether the Java above is an unfinished statement, so a line that is a magic is
     *                        its value rather than a magic line of its own
     * @return the uses found outside strings and comments; empty when there are none
     */
    static List<Use> find(String line, boolean continuesAbove) {
        List<Use> uses = new ArrayList<>();
        Matcher whole = WHOLE_LINE.matcher(line);
        if (continuesAbove && whole.matches()) {
            uses.add(percentUse(whole, line));
            return uses;
        }
        Matcher calls = CALL.matcher(line);
        while (calls.find()) {
            if (!isCode(line, calls.start())) {
                continue;
            }
            boolean cell = calls.group(1).equals("cellMagic");
            if (cell != (calls.group(4) != null)) {
                continue;  // the wrong number of arguments: javac says so
            }
            List<String> args = new ArrayList<>();
            Matcher literal = STRING_LITERAL.matcher(calls.group(3));
            while (literal.find()) {
                args.add(unescape(literal.group()));
            }
            uses.add(new Use(calls.start(), calls.end(), unescape(calls.group(2)), cell, quote(args),
                    cell ? unescape(calls.group(4)) : null, ""));
        }
        Matcher assigned = ASSIGNED.matcher(line);
        if (assigned.find() && isCode(line, assigned.start()) && uses.stream().allMatch(u -> u.end() <= assigned.start())) {
            uses.add(percentUse(assigned, line));
        }
        return uses;
    }

    /**
     * {@code %name args}: the rest of the line, except a final {@code ;}, which stays as the statement's end,
     * and a {@code // comment} after it.
     */
    private static Use percentUse(Matcher matcher, String line) {
        String args = matcher.group(3);
        Matcher comment = TRAILING_COMMENT.matcher(args);
        if (comment.find()) {
            args = args.substring(0, comment.start());
        }
        args = args.stripTrailing();
        String rest = line.substring(matcher.start(3) + args.length());
        if (args.endsWith(";")) {
            args = args.substring(0, args.length() - 1);
            rest = ";" + rest;
        }
        return new Use(matcher.start(1), line.length(), matcher.group(2), false, args.strip(), null, rest);
    }

    /**
     * A magic's value as Java source: a list as {@code java.util.List.of(…)}, a string as its literal, null
     * (or a value with no use in code) as {@link #NO_VALUE}.
     */
    static String javaExpression(Object value) {
        if (value instanceof List<?> list) {
            StringBuilder out = new StringBuilder("java.util.List.of(");
            for (int i = 0; i < list.size(); i++) {
                out.append(i == 0 ? "" : ", ").append(javaString(String.valueOf(list.get(i))));
            }
            return out.append(")").toString();
        }
        if (value instanceof String text) {
            return javaString(text);
        }
        return value == null ? NO_VALUE : javaString(value.toString());
    }

    static String javaString(String text) {
        StringBuilder out = new StringBuilder("\"");
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                case '\t' -> out.append("\\t");
                default -> {
                    if (c < 0x20) {
                        out.append(String.format("\\u%04x", (int) c));
                    } else {
                        out.append(c);
                    }
                }
            }
        }
        return out.append('"').toString();
    }

    /** A Java string literal's text (its escapes undone). */
    static String unescape(String literal) {
        String body = literal.substring(1, literal.length() - 1);
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < body.length(); i++) {
            char c = body.charAt(i);
            if (c != '\\' || i + 1 == body.length()) {
                out.append(c);
                continue;
            }
            char next = body.charAt(++i);
            switch (next) {
                case 'n' -> out.append('\n');
                case 't' -> out.append('\t');
                case 'r' -> out.append('\r');
                case 'b' -> out.append('\b');
                case 'f' -> out.append('\f');
                case 's' -> out.append(' ');
                case 'u' -> {
                    while (i + 1 < body.length() && body.charAt(i + 1) == 'u') {
                        i++;
                    }
                    out.append((char) Integer.parseInt(body.substring(i + 1, i + 5), 16));
                    i += 4;
                }
                default -> {
                    if (next >= '0' && next <= '7') {
                        int end = i;
                        while (end + 1 < body.length() && end - i < (next <= '3' ? 2 : 1)
                                && body.charAt(end + 1) >= '0' && body.charAt(end + 1) <= '7') {
                            end++;
                        }
                        out.append((char) Integer.parseInt(body.substring(i, end + 1), 8));
                        i = end;
                    } else {
                        out.append(next);  // \" \' \\
                    }
                }
            }
        }
        return out.toString();
    }

    /** Arguments joined so {@link MagicArgs#split} gives them back; quoted only where they must be. */
    static String quote(List<String> args) {
        StringBuilder out = new StringBuilder();
        for (String arg : args) {
            boolean plain = !arg.isEmpty() && arg.chars().noneMatch(c -> Character.isWhitespace(c) || c == '"');
            out.append(out.length() == 0 ? "" : " ")
                    .append(plain ? arg : '"' + arg.replace("\"", "\\\"") + '"');
        }
        return out.toString();
    }

    /** Whether position {@code index} of a line is Java code, not inside a string, a char or a comment. */
    static boolean isCode(String line, int index) {
        return index < line.length() && CodeMask.of(line)[index];
    }
}
