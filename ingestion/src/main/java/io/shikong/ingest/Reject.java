package io.shikong.ingest;

/**
 * One record left out of a load, and why.
 *
 * @param file     the source file name
 * @param location where in it ({@code "line 12"}, {@code "feature 5"}, {@code "record 3"})
 * @param field    the source field or {@code geometry} the reason is about; {@code null} for the record
 * @param reason   what is wrong, in Chinese and English
 */
public record Reject(String file, String location, String field, String reason) {

    @Override
    public String toString() {
        return file + " " + location + (field == null ? "" : " [" + field + "]") + ": " + reason;
    }
}
