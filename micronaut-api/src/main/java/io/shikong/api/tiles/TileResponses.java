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
import java.util.List;
import java.util.Locale;
import java.util.function.BiConsumer;
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
     * A tile's answer before a server path writes it: 304 (no body) or 200 with the body, gzipped when
     * {@code gzipped}; the ETag to send (the gzipped body's own when gzipped) and the Cache-Control value.
     * {@link #tile} turns it into Micronaut's response, {@link TileFastPath} into Netty's: one decision for both.
     */
    record Answer(boolean notModified, byte[] body, String mediaType, boolean gzipped, String etag, String cacheControl) {

        /** Its headers but Content-Type, in order: Content-Encoding, ETag, Cache-Control, Vary. */
        void headers(BiConsumer<String, String> to) {
            if (gzipped) {
                to.accept(HttpHeaders.CONTENT_ENCODING, "gzip");
            }
            if (etag != null) {
                to.accept(HttpHeaders.ETAG, etag);
            }
            if (cacheControl != null) {
                to.accept(HttpHeaders.CACHE_CONTROL, cacheControl);
            }
            to.accept(HttpHeaders.VARY, HttpHeaders.ACCEPT_ENCODING);
        }
    }

    /**
     * The answer for a tile.
     *
     * @param acceptEncoding the request's Accept-Encoding, or null
     * @param ifNoneMatch    the request's If-None-Match values (several headers are one list)
     * @param body           the tile
     * @param mediaType      its media type
     * @param etag           its strong ETag, quoted
     * @param cacheControl   the Cache-Control value
     * @param gzip           whether the body may be gzipped for a client that accepts it (MVT)
     */
    static Answer answer(String acceptEncoding, List<String> ifNoneMatch, byte[] body, String mediaType, String etag,
                         String cacheControl, boolean gzip) {
        boolean zipped = gzip && acceptsGzip(acceptEncoding);
        String gzipTag = etag == null ? null : etag.substring(0, etag.length() - 1) + "-gzip\"";
        String tag = zipped ? gzipTag : etag;
        String conditions = String.join(",", ifNoneMatch);
        if (etag != null && !conditions.isBlank() && (matches(conditions, etag) || matches(conditions, gzipTag))) {
            return new Answer(true, null, mediaType, false, tag, cacheControl);
        }
        return new Answer(false, zipped ? gzip(body) : body, mediaType, zipped, tag, cacheControl);
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
        Answer a = answer(request.getHeaders().get(HttpHeaders.ACCEPT_ENCODING),
                request.getHeaders().getAll(HttpHeaders.IF_NONE_MATCH), body, mediaType, etag, cacheControl, gzip);
        MutableHttpResponse<byte[]> r = a.notModified() ? HttpResponse.status(HttpStatus.NOT_MODIFIED)
                : HttpResponse.ok(a.body()).contentType(MediaType.of(a.mediaType()));
        a.headers(r::header);
        return r;
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
