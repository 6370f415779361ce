package io.callisto.engine;

/**
 * Which characters of Java source are code rather than the inside of a string or char literal or a comment,
 * found with a plain scan (no parser), for answers that must not look inside literals: a continuation
 * line's indent, where a magic may stand. Text blocks count as strings only up to the next quote.
 */
public final class CodeMask {
    private CodeMask() {
    }

    /**
     * Scans {@code text} once.
     *
     * @param text Java source, one line or many
     * @return one flag per UTF-16 char of {@code text}: true where the char is code; a literal's or comment's
     *     opening and closing characters count as part of it
     */
    public static boolean[] of(String text) {
        boolean[] code = new boolean[text.length()];
        boolean inString = false;
        boolean inChar = false;
        boolean inLineComment = false;
        boolean inBlockComment = false;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            char next = i + 1 < text.length() ? text.charAt(i + 1) : '\0';
            if (inLineComment) {
                inLineComment = c != '\n';
                code[i] = !inLineComment;
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
                i++;
            } else if (c == '/' && next == '*') {
                inBlockComment = true;
                i++;
            } else if (c == '"') {
                inString = true;
            } else if (c == '\'') {
                inChar = true;
            } else {
                code[i] = true;
            }
        }
        return code;
    }
}
