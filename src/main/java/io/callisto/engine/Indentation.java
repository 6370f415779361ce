package io.callisto.engine;

/** The indent a console should offer on the next line of unfinished code: four spaces per open bracket. */
final class Indentation {
    private Indentation() {
    }

    static String forContinuation(String code) {
        int depth = 0;
        boolean[] isCode = CodeMask.of(code);
        for (int i = 0; i < code.length(); i++) {
            char c = code.charAt(i);
            if (!isCode[i]) {
                continue;
            }
            if (c == '{' || c == '(' || c == '[') {
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
