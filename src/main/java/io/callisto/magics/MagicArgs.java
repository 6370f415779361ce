package io.callisto.magics;

import java.util.ArrayList;
import java.util.List;

/** A magic's arguments as IJava splits them: at whitespace, except inside "double quotes" ({@code \"} is a quote). */
final class MagicArgs {
    private MagicArgs() {
    }

    /**
     * Splits a magic's argument text.
     *
     * @param args the text after the magic's name
     * @return the arguments, quotes removed; empty for blank text
     */
    static List<String> split(String args) {
        List<String> split = new ArrayList<>();
        StringBuilder current = new StringBuilder();
        boolean quoted = false;
        boolean started = false;
        for (int i = 0; i < args.length(); i++) {
            char c = args.charAt(i);
            if (c == '\\' && i + 1 < args.length() && args.charAt(i + 1) == '"') {
                current.append('"');
                started = true;
                i++;
            } else if (c == '"') {
                quoted = !quoted;
                started = true;
            } else if (Character.isWhitespace(c) && !quoted) {
                if (started) {
                    split.add(current.toString());
                    current.setLength(0);
                    started = false;
                }
            } else {
                current.append(c);
                started = true;
            }
        }
        if (started) {
            split.add(current.toString());
        }
        return split;
    }
}
