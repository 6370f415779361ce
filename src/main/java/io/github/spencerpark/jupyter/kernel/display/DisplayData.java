package io.github.spencerpark.jupyter.kernel.display;

import io.callisto.display.MimeBundle;
import io.github.spencerpark.jupyter.kernel.display.mime.MIMEType;
import java.util.LinkedHashMap;
import java.util.Map;

/** IJava's bundle of representations, under IJava's name; Callisto shows it as a {@link MimeBundle}. */
public class DisplayData {
    private final Map<String, Object> data = new LinkedHashMap<>();
    private final Map<String, Object> metadata = new LinkedHashMap<>();
    private String displayId;

    public DisplayData() {
    }

    public DisplayData(String textPlain) {
        putText(textPlain);
    }

    public void putData(String mimeType, Object value) {
        data.put(mimeType, value);
    }

    public void putData(MIMEType mimeType, Object value) {
        putData(mimeType.toString(), value);
    }

    public void putText(String text) {
        putData(MIMEType.TEXT_PLAIN, text);
    }

    public void putHTML(String html) {
        putData(MIMEType.TEXT_HTML, html);
    }

    public void putMarkdown(String markdown) {
        putData(MIMEType.TEXT_MARKDOWN, markdown);
    }

    public void putLatex(String latex) {
        putData(MIMEType.TEXT_LATEX, latex);
    }

    public void putSVG(String svg) {
        putData(MIMEType.IMAGE_SVG, svg);
    }

    public void putJavaScript(String javascript) {
        putData(MIMEType.APPLICATION_JAVASCRIPT, javascript);
    }

    public void putMetaData(String key, Object value) {
        metadata.put(key, value);
    }

    public void setDisplayId(String id) {
        displayId = id;
    }

    public String getDisplayId() {
        return displayId;
    }

    public boolean hasDataForType(MIMEType type) {
        return data.containsKey(type.toString());
    }

    public MimeBundle toMimeBundle() {
        return new MimeBundle(data, metadata);
    }

    @Override
    public String toString() {
        return toMimeBundle().toString();
    }
}
