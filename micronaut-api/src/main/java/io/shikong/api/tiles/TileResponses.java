package io.shikong.api.tiles;

import io.micronaut.http.HttpHeaders;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MediaType;
import io.micronaut.http.MutableHttpResponse;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Locale;
import java.util.zip.GZIPOutputStream;

/**
 * The HTTP side of a tile (XYZ and WMTS alike): the strong ETag and {@code If-None-Match} (weak
 * comparison, several tags, {@code *}) answered with 304, {@code Cache-Control}, {@code Vary:
 * Accept-Encoding}, and MVT gzipped here when the client accepts gzip (Content-Encoding: gzip; Micronaut
 * leaves a response that already has a Content-Encoding alone). The gzipped body has its own ETag (the
 * tile's with {@code -gzip}), either one answering a conditional request.
 */
public final class TileResponses {

    private TileResponses() {
    }

    /**
     * The response for a tile.
     *
     * @param request      the request (If-None-Match, Accept-Encoding)
     * @param body         the tile
     * @param mediaType    its media type
     * @param etag         its strong ETag, quoted
     * @param cacheControl the Cache-Control value
     * @param gzip         whether the body may be gzipped for a client that accepts it (MVT)
     */
    public static MutableHttpResponse<byte[]> tile(HttpRequest<?> request, byte[] body, String mediaType, String etag,
                                                   String cacheControl, boolean gzip) {
        boolean zipped = gzip && acceptsGzip(request.getHeaders().get(HttpHeaders.ACCEPT_ENCODING));
        String gzipTag = etag == null ? null : etag.substring(0, etag.length() - 1) + "-gzip\"";
        String tag = zipped ? gzipTag : etag;
        String ifNoneMatch = String.join(",", request.getHeaders().getAll(HttpHeaders.IF_NONE_MATCH));
        if (etag != null && !ifNoneMatch.isBlank() && (matches(ifNoneMatch, etag) || matches(ifNoneMatch, gzipTag))) {
            MutableHttpResponse<byte[]> r = HttpResponse.status(HttpStatus.NOT_MODIFIED);
            return headers(r, tag, cacheControl);
        }
        MutableHttpResponse<byte[]> r = HttpResponse.ok(zipped ? gzip(body) : body).contentType(MediaType.of(mediaType));
        if (zipped) {
            r.header(HttpHeaders.CONTENT_ENCODING, "gzip");
        }
        return headers(r, tag, cacheControl);
    }

    private static MutableHttpResponse<byte[]> headers(MutableHttpResponse<byte[]> r, String etag, String cacheControl) {
        if (etag != null) {
            r.header(HttpHeaders.ETAG, etag);
        }
        if (cacheControl != null) {
            r.header(HttpHeaders.CACHE_CONTROL, cacheControl);
        }
        return r.header(HttpHeaders.VARY, HttpHeaders.ACCEPT_ENCODING);
    }

    /**
     * Whether an {@code If-None-Match} value matches an ETag by the weak comparison of RFC 9110 (a
     * {@code W/} prefix ignored on either side); {@code *} matches any.
     */
    static boolean matches(String ifNoneMatch, String etag) {
        String want = opaque(etag);
        for (String t : ifNoneMatch.split(",")) {
            String tag = t.trim();
            if (tag.equals("*") || (!tag.isEmpty() && opaque(tag).equals(want))) {
                return true;
            }
        }
        return false;
    }

    private static String opaque(String tag) {
        return tag.startsWith("W/") || tag.startsWith("w/") ? tag.substring(2) : tag;
    }

    /** Whether an Accept-Encoding value admits gzip (named or by {@code *}, without {@code q=0}). */
    static boolean acceptsGzip(String acceptEncoding) {
        if (acceptEncoding == null) {
            return false;
        }
        boolean star = false;
        for (String part : acceptEncoding.split(",")) {
            String[] p = part.trim().split(";");
            String coding = p[0].trim().toLowerCase(Locale.ROOT);
            boolean refused = false;
            for (int i = 1; i < p.length; i++) {
                String param = p[i].trim().toLowerCase(Locale.ROOT).replace(" ", "");
                if (param.startsWith("q=")) {
                    try {
                        refused = Double.parseDouble(param.substring(2)) <= 0;
                    } catch (NumberFormatException e) {
                        refused = true;
                    }
                }
            }
            if (coding.equals("gzip") || coding.equals("x-gzip")) {
                return !refused;
            }
            if (coding.equals("*")) {
                star = !refused;
            }
        }
        return star;
    }

    static byte[] gzip(byte[] body) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(body.length / 2 + 64);
        try (GZIPOutputStream z = new GZIPOutputStream(out)) {
            z.write(body);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }
}
