package io.shikong.ows.oapif;

import io.shikong.core.encode.Chunks;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One answer of the OGC API: status, content type, body (streamed) and the headers it carries
 * ({@code Content-Crs}, {@code ETag}, {@code Location}).
 *
 * @param body {@code null} for an answer without a body (204)
 */
public record OapifResponse(int status, String contentType, Chunks body, Map<String, String> headers) {

    public OapifResponse {
        headers = Map.copyOf(headers);
    }

    static OapifResponse ok(String contentType, byte[] body) {
        return new OapifResponse(200, contentType, Chunks.of(body), Map.of());
    }

    static OapifResponse ok(String contentType, String body) {
        return ok(contentType, body.getBytes(StandardCharsets.UTF_8));
    }

    OapifResponse with(String header, String value) {
        Map<String, String> h = new LinkedHashMap<>(headers);
        h.put(header, value);
        return new OapifResponse(status, contentType, body, h);
    }
}
