package io.shikong.ingest.read;

import io.shikong.core.error.InvalidParameterException;

/**
 * A source file that cannot be read on: truncated, malformed, in another encoding than declared, with
 * an unknown CRS or a missing companion file. The message says what and where, in Chinese and English;
 * the locator is {@code file}.
 */
public class SourceReadException extends InvalidParameterException {

    private final String source;
    private final String location;

    /**
     * @param source   the file name
     * @param location where in the file ({@code "line 12"}, {@code "byte 4096"}), or {@code null}
     * @param message  what is wrong
     */
    public SourceReadException(String source, String location, String message, Throwable cause) {
        super("file", source + (location == null ? "" : " (" + location + ")") + ": " + message, cause);
        this.source = source;
        this.location = location;
    }

    public SourceReadException(String source, String location, String message) {
        this(source, location, message, null);
    }

    /** The file name. */
    public String source() {
        return source;
    }

    /** Where in the file, or {@code null}. */
    public String location() {
        return location;
    }
}
