package io.callisto.widgets;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;

/**
 * An image from its bytes (ipywidgets' {@code Image}): {@code value} travels as a binary buffer, {@code format}
 * names the type ("png", "jpeg", "gif", "svg+xml", or "url" with the value a URL's UTF-8 bytes), {@code width} and
 * {@code height} are CSS sizes.
 */
public final class Image extends DOMWidget<Image> {
    public Image() {
        super(Model.controls("ImageModel", "ImageView"));
        trait("value", Kind.BYTES, new byte[0]);
        trait("format", Kind.STRING, "png");
        trait("width", Kind.STRING, "");
        trait("height", Kind.STRING, "");
    }

    public Image(byte[] value, String format) {
        this();
        value(value).format(format);
    }

    /**
     * An image from a file; the format is its extension ("jpg" read as "jpeg", "svg" as "svg+xml").
     *
     * @throws IOException when the file cannot be read
     */
    public static Image fromFile(Path file) throws IOException {
        String name = file.getFileName().toString();
        String extension = name.substring(name.lastIndexOf('.') + 1).toLowerCase(Locale.ROOT);
        String format = switch (extension) {
            case "jpg" -> "jpeg";
            case "svg" -> "svg+xml";
            default -> extension;
        };
        return new Image(Files.readAllBytes(file), format);
    }

    public byte[] value() {
        return (byte[]) get("value");
    }

    public Image value(byte[] value) {
        return set("value", value);
    }

    public String format() {
        return (String) get("format");
    }

    public Image format(String format) {
        return set("format", format);
    }

    public String width() {
        return (String) get("width");
    }

    public Image width(String width) {
        return set("width", width);
    }

    public String height() {
        return (String) get("height");
    }

    public Image height(String height) {
        return set("height", height);
    }
}
