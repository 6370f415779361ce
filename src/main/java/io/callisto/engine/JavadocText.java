package io.callisto.engine;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Renders a raw Javadoc comment (as JShell reads it from the JDK's src.zip) as Markdown: paragraphs, code,
 * lists, and the block tags @param, @return, @throws and @since as labelled sections. Also gives a plain-text
 * reading of the same for clients that show only text/plain.
 */
final class JavadocText {
    private static final Pattern INLINE_TAG = Pattern.compile("\\{@(\\w+)\\s*([^{}]*(?:\\{[^{}]*\\}[^{}]*)*)\\}");
    private static final Pattern BLOCK_TAG = Pattern.compile("^\\s*@(\\w+)\\s*(.*)$");

    private JavadocText() {
    }

    static String toMarkdown(String javadoc) {
        List<String> description = new ArrayList<>();
        List<String[]> tags = new ArrayList<>();
        for (String line : javadoc.strip().split("\n")) {
            Matcher tag = BLOCK_TAG.matcher(line);
            if (tag.matches() && !line.strip().startsWith("@code")) {
                tags.add(new String[] {tag.group(1), tag.group(2)});
            } else if (!tags.isEmpty()) {
                String[] last = tags.get(tags.size() - 1);
                last[1] = last[1] + " " + line.strip();
            } else {
                description.add(line);
            }
        }
        StringBuilder out = new StringBuilder(html(inline(String.join("\n", description))).strip());
        appendSection(out, "Parameters", tags, "param", true);
        appendSection(out, "Returns", tags, "return", false);
        appendSection(out, "Throws", tags, "throws", true);
        appendSection(out, "Throws", tags, "exception", true);
        appendSection(out, "Since", tags, "since", false);
        return out.toString().strip();
    }

    static String toPlainText(String markdown) {
        return markdown.replace("```java\n", "").replace("```\n", "").replace("```", "")
                .replace("**", "").replace("`", "");
    }

    private static void appendSection(StringBuilder out, String title, List<String[]> tags, String name, boolean named) {
        List<String> items = new ArrayList<>();
        for (String[] tag : tags) {
            if (!tag[0].equals(name)) {
                continue;
            }
            String text = html(inline(tag[1])).strip().replaceAll("\\s+", " ");
            if (named) {
                int space = text.indexOf(' ');
                String subject = space < 0 ? text : text.substring(0, space);
                String rest = space < 0 ? "" : text.substring(space + 1);
                items.add("- `" + subject.replace("`", "") + "`" + (rest.isEmpty() ? "" : " — " + rest));
            } else {
                items.add(text);
            }
        }
        if (items.isEmpty()) {
            return;
        }
        out.append("\n\n**").append(title).append(":**");
        if (named) {
            out.append('\n').append(String.join("\n", items));
        } else {
            out.append(' ').append(String.join(" ", items));
        }
    }

    /** {@code x}, {@link A#b label}, {@literal x}, {@value}, {@inheritDoc}. */
    private static String inline(String text) {
        Matcher matcher = INLINE_TAG.matcher(text);
        StringBuilder out = new StringBuilder();
        while (matcher.find()) {
            String tag = matcher.group(1);
            String body = matcher.group(2).strip();
            String replacement = switch (tag) {
                case "code", "value" -> "`" + body + "`";
                case "literal" -> body;
                case "link", "linkplain" -> {
                    int space = body.indexOf(' ');
                    String label = space < 0 ? body.replace('#', '.') : body.substring(space + 1);
                    if (label.startsWith(".")) {
                        label = label.substring(1);
                    }
                    yield tag.equals("link") ? "`" + label + "`" : label;
                }
                default -> "";
            };
            matcher.appendReplacement(out, Matcher.quoteReplacement(replacement));
        }
        matcher.appendTail(out);
        return out.toString();
    }

    private static String html(String text) {
        String out = text
                .replaceAll("(?is)<pre>\\s*(.*?)\\s*</pre>", "\n```java\n$1\n```\n")
                .replaceAll("(?i)<p>|</p>|<p [^>]*>", "\n\n")
                .replaceAll("(?i)<br\\s*/?>", "\n")
                .replaceAll("(?i)</?(code|tt)>", "`")
                .replaceAll("(?i)</?(b|strong)>", "**")
                .replaceAll("(?i)</?(i|em|cite|var|dfn)>", "*")
                .replaceAll("(?i)<li>", "\n- ")
                .replaceAll("(?i)</?(ul|ol|li|div|span|table|tr|td|th|thead|tbody|blockquote|a|h\\d|sup|sub|dl|dt|dd)( [^>]*)?>", "")
                .replace("&lt;", "<").replace("&gt;", ">").replace("&quot;", "\"").replace("&#39;", "'")
                .replace("&nbsp;", " ").replace("&amp;", "&");
        // Javadoc lines start with a space; paragraphs are blank lines. Keep code blocks as they are.
        StringBuilder joined = new StringBuilder();
        boolean inCode = false;
        for (String line : out.split("\n", -1)) {
            if (line.strip().startsWith("```")) {
                inCode = !inCode;
                joined.append('\n').append(line.strip()).append('\n');
            } else if (inCode) {
                joined.append(line).append('\n');
            } else if (line.isBlank()) {
                joined.append("\n\n");
            } else {
                joined.append(line.strip()).append(' ');
            }
        }
        return joined.toString().replaceAll("[ \\t]+\\n", "\n").replaceAll("\\n{3,}", "\n\n");
    }
}
