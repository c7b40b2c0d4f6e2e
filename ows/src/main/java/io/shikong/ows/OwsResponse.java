package io.shikong.ows;

import io.shikong.core.encode.Chunks;

/**
 * The answer of every OGC operation, whatever the service: its content type and its body, streamed
 * ({@link Chunks}) by the HTTP layer as it is written.
 *
 * @param etag a strong validator of the body, quoted as HTTP wants ({@code If-None-Match} answered with 304),
 *             or {@code null} when the answer has none (everything but WMTS tiles)
 */
public record OwsResponse(String contentType, Chunks body, String etag) {

    /** An answer without a validator. */
    public OwsResponse(String contentType, Chunks body) {
        this(contentType, body, null);
    }

    /** An answer already in memory (capabilities, a map image, a legend). */
    public static OwsResponse of(String contentType, byte[] body) {
        return new OwsResponse(contentType, Chunks.of(body));
    }
}
