package io.shikong.ows;

import io.shikong.core.encode.Chunks;

/**
 * The answer of every OGC operation, whatever the service: its content type and its body, streamed
 * ({@link Chunks}) by the HTTP layer as it is written.
 */
public record OwsResponse(String contentType, Chunks body) {

    /** An answer already in memory (capabilities, a map image, a legend). */
    public static OwsResponse of(String contentType, byte[] body) {
        return new OwsResponse(contentType, Chunks.of(body));
    }
}
