package io.github.spencerpark.jupyter.kernel.display.mime;

import java.util.Objects;

/**
 * IJava's MIME type, kept under IJava's own name so that notebooks written for IJava compile unchanged in
 * Callisto. Only what such notebooks use is here.
 */
public final class MIMEType {
    public static final MIMEType TEXT_PLAIN = new MIMEType("text/plain");
    public static final MIMEType TEXT_HTML = new MIMEType("text/html");
    public static final MIMEType TEXT_MARKDOWN = new MIMEType("text/markdown");
    public static final MIMEType TEXT_LATEX = new MIMEType("text/latex");
    public static final MIMEType TEXT_CSS = new MIMEType("text/css");
    public static final MIMEType APPLICATION_JSON = new MIMEType("application/json");
    public static final MIMEType APPLICATION_JAVASCRIPT = new MIMEType("application/javascript");
    public static final MIMEType IMAGE_PNG = new MIMEType("image/png");
    public static final MIMEType IMAGE_JPEG = new MIMEType("image/jpeg");
    public static final MIMEType IMAGE_GIF = new MIMEType("image/gif");
    public static final MIMEType IMAGE_SVG = new MIMEType("image/svg+xml");

    private final String value;

    private MIMEType(String value) {
        this.value = value;
    }

    public static MIMEType parse(String value) {
        return new MIMEType(value.strip());
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof MIMEType type && type.value.equals(value);
    }

    @Override
    public int hashCode() {
        return Objects.hash(value);
    }

    @Override
    public String toString() {
        return value;
    }
}
