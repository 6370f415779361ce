package io.callisto.engine;

/** The indent a console should offer on the next line of unfinished code: four spaces per open bracket. */
final class Indentation {
    private Indentation() {
    }

    static String forContinuation(String code) {
        int depth = 0;
        boolean inString = false;
        boolean inChar = false;
        boolean inLineComment = false;
        boolean inBlockComment = false;
        for (int i = 0; i < code.length(); i++) {
            char c = code.charAt(i);
            char next = i + 1 < code.length() ? code.charAt(i + 1) : '\0';
            if (inLineComment) {
                inLineComment = c != '\n';
            } else if (inBlockComment) {
                if (c == '*' && next == '/') {
                    inBlockComment = false;
                    i++;
                }
            } else if (inString || inChar) {
                if (c == '\\') {
                    i++;
                } else if ((inString && c == '"') || (inChar && c == '\'')) {
                    inString = false;
                    inChar = false;
                }
            } else if (c == '/' && next == '/') {
                inLineComment = true;
            } else if (c == '/' && next == '*') {
                inBlockComment = true;
            } else if (c == '"') {
                inString = true;
            } else if (c == '\'') {
                inChar = true;
            } else if (c == '{' || c == '(' || c == '[') {
                depth++;
            } else if (c == '}' || c == ')' || c == ']') {
                depth = Math.max(0, depth - 1);
            }
        }
        String trimmed = code.stripTrailing();
        // A statement broken after an arrow, operator or dot continues one level in.
        boolean continues = trimmed.endsWith("->") || trimmed.endsWith("=") || trimmed.endsWith("+")
                || trimmed.endsWith("-") || trimmed.endsWith("*") || trimmed.endsWith("/") || trimmed.endsWith("&&")
                || trimmed.endsWith("||") || trimmed.endsWith("?") || trimmed.endsWith(":") || trimmed.endsWith(".")
                || trimmed.endsWith(",");
        // if (…), for (…), while (…) and else wait for their body one level in.
        String lastLine = trimmed.substring(trimmed.lastIndexOf('\n') + 1);
        boolean opensBody = lastLine.matches("\\s*(}\\s*)?(if|for|while|else\\s+if)\\b.*\\)") || lastLine.matches("\\s*(}\\s*)?else");
        return "    ".repeat(depth + ((continues || opensBody) && depth == 0 ? 1 : 0));
    }
}
