package io.shikong.core.encode;

import com.fasterxml.jackson.core.JsonEncoding;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import io.shikong.core.feature.Feature;
import io.shikong.core.store.FeatureCursor;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.Iterator;
import java.util.List;
import java.util.function.Function;
import java.util.function.ToDoubleFunction;

/**
 * A feature collection produced in chunks of about {@value #CHUNK} bytes from an open cursor, so a
 * response of any size needs a flat amount of memory. The collection's tail (numberReturned, links, and
 * whatever else a {@link Tail} writes) comes after the features: the next link is known once the page is
 * read (the cursor holds one feature more than the page). The cursor is closed before the tail is written,
 * so that a tail may ask the store again (a count). The features are written by {@link GeoJsonBytes} (the bytes
 * Jackson would write, without its generator), the tail through Jackson.
 */
public final class FeatureCollectionStream implements Chunks {

    /** What a collection writes after its {@code numberReturned} and before its {@code timeStamp}. */
    @FunctionalInterface
    public interface Tail {
        /**
         * @param returned the features written
         * @param more     whether more followed the page
         */
        void write(JsonGenerator json, int returned, boolean more) throws IOException;
    }

    static final int CHUNK = 64 * 1024;
    private static final JsonFactory JSON = new JsonFactory();

    private final Iterator<Feature> features;
    private final AutoCloseable resource;
    private final Integer limit;
    private final boolean temporal;
    private final ToDoubleFunction<Feature> distance;
    private final Tail tail;
    private static final byte[] HEAD = "{\"type\":\"FeatureCollection\",\"features\":[".getBytes(
            java.nio.charset.StandardCharsets.US_ASCII);
    private final GeoJsonBytes out = new GeoJsonBytes(CHUNK + 16384);
    private int returned;
    private boolean started;
    private boolean finished;

    /**
     * @param features features in order; when {@code limit} is set, one more than the page tells that
     *                 a next page exists
     * @param resource closed with the stream (the cursor), may be {@code null}
     * @param distance metres per feature, or {@code null}
     * @param links    the collection's links, given whether a next page exists
     */
    public FeatureCollectionStream(Iterator<Feature> features, AutoCloseable resource, Integer limit, boolean temporal,
                                   ToDoubleFunction<Feature> distance, Function<Boolean, List<Link>> links) {
        this(features, resource, limit, temporal, distance, (json, returned, more) -> writeLinks(json, links.apply(more)));
    }

    /** As above, with a tail of the caller's instead of the links alone. */
    public FeatureCollectionStream(Iterator<Feature> features, AutoCloseable resource, Integer limit, boolean temporal,
                                   ToDoubleFunction<Feature> distance, Tail tail) {
        this.features = features;
        this.resource = resource;
        this.limit = limit;
        this.temporal = temporal;
        this.distance = distance;
        this.tail = tail;
    }

    public static FeatureCollectionStream of(FeatureCursor cursor, Integer limit, boolean temporal,
                                             Function<Boolean, List<Link>> links) {
        return new FeatureCollectionStream(cursor, cursor, limit, temporal, null, links);
    }

    /** The next chunk of the document, or {@code null} after the last. */
    @Override
    public byte[] next() {
        if (finished) {
            return null;
        }
        try {
            if (!started) {
                started = true;
                out.raw(HEAD, 0, HEAD.length);
            }
            while (out.size() < CHUNK) {
                if ((limit != null && returned >= limit) || !features.hasNext()) {
                    boolean more = limit != null && returned >= limit && features.hasNext();
                    close();
                    out.raw(']');
                    tail(more);
                    finished = true;
                    break;
                }
                Feature f = features.next();
                if (returned > 0) {
                    out.raw(',');
                }
                out.feature(f, temporal, distance == null ? null : distance.applyAsDouble(f));
                returned++;
            }
            return out.take();
        } catch (IOException e) {
            close();
            throw new UncheckedIOException(e);
        } catch (RuntimeException e) {
            close();
            throw e;
        }
    }

    /** {@code ,"numberReturned":n,} the tail's fields{@code ,"timeStamp":"..."}} through Jackson. */
    private void tail(boolean more) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(512);
        try (JsonGenerator json = JSON.createGenerator(bytes, JsonEncoding.UTF8)) {
            json.writeStartObject();
            json.writeNumberField("numberReturned", returned);
            tail.write(json, returned, more);
            json.writeStringField("timeStamp", Instant.now().toString());
            json.writeEndObject();
        }
        byte[] t = bytes.toByteArray();
        out.raw(',');
        out.raw(t, 1, t.length - 1); // without its '{'
    }

    private static void writeLinks(JsonGenerator json, List<Link> links) throws IOException {
        json.writeArrayFieldStart("links");
        for (Link link : links) {
            json.writeStartObject();
            json.writeStringField("href", link.href());
            json.writeStringField("rel", link.rel());
            if (link.type() != null) {
                json.writeStringField("type", link.type());
            }
            json.writeEndObject();
        }
        json.writeEndArray();
    }

    /** The whole document at once, for small collections (history). */
    public byte[] readAll() {
        ByteArrayOutputStream all = new ByteArrayOutputStream();
        for (byte[] b = next(); b != null; b = next()) {
            all.writeBytes(b);
        }
        return all.toByteArray();
    }

    @Override
    public void close() {
        if (resource != null) {
            try {
                resource.close();
            } catch (Exception ignored) {
                // the cursor logs its own trouble
            }
        }
    }
}
