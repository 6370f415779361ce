package io.callisto.display;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What a notebook shows for a value: one representation per MIME type (text/plain, text/html, image/png
 * as base64, application/json as a JSON-able value, …) and optional metadata. Cells can build one and
 * display it, or return it as a cell's value.
 */
public record MimeBundle(Map<String, Object> data, Map<String, Object> metadata) {

    public MimeBundle {
        data = Map.copyOf(data);
        metadata = Map.copyOf(metadata);
    }

    public static MimeBundle of(String mimeType, Object representation) {
        return new MimeBundle(Map.of(mimeType, representation), Map.of());
    }

    /** This bundle with one more representation. */
    public MimeBundle with(String mimeType, Object representation) {
        Map<String, Object> more = new LinkedHashMap<>(data);
        more.put(mimeType, representation);
        return new MimeBundle(more, metadata);
    }

    /** Only the representations of the given MIME types (text/plain always stays, as clients need it). */
    public MimeBundle only(String... mimeTypes) {
        Map<String, Object> kept = new LinkedHashMap<>();
        for (String mimeType : mimeTypes) {
            if (data.containsKey(mimeType)) {
                kept.put(mimeType, data.get(mimeType));
            }
        }
        if (data.containsKey("text/plain")) {
            kept.putIfAbsent("text/plain", data.get("text/plain"));
        }
        return new MimeBundle(kept, metadata);
    }

    /** Its text/plain, else its text-based form (Markdown, LaTeX, HTML) as source, else the MIME types. */
    @Override
    public String toString() {
        for (String mimeType : new String[] {"text/plain", "text/markdown", "text/latex", "text/html"}) {
            if (data.get(mimeType) instanceof String text) {
                return text;
            }
        }
        return "MimeBundle" + data.keySet();
    }
}
