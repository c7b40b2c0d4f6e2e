package io.shikong.ows.oapif;

import com.fasterxml.jackson.core.JsonEncoding;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import io.shikong.core.encode.Chunks;
import io.shikong.core.encode.GeoJsonWriter;
import io.shikong.core.feature.Feature;
import io.shikong.core.store.FeatureCursor;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;
import org.locationtech.jts.geom.Geometry;

/**
 * A page of items as a GeoJSON FeatureCollection, written in chunks of about 64 KiB from the store's cursor
 * (which holds one feature more than the page: whether a next page exists), the features first, then
 * {@code numberReturned}, {@code numberMatched} and the links, all known once the page is read. A page that
 * ends the result needs no count ({@code numberMatched} is its offset plus what it returned); only a page with
 * more after it asks the store to count, after its cursor is closed.
 */
final class ItemsStream implements Chunks {

    private static final int CHUNK = 64 * 1024;
    private static final JsonFactory JSON = new JsonFactory();

    /** What the tail of a page needs: the number matched and the links, given what the page returned and whether more follow. */
    interface Tail {
        long matched(int returned, boolean more);

        List<Map<String, Object>> links(int returned, boolean more);
    }

    private final FeatureCursor cursor;
    private final int limit;
    private final boolean temporal;
    private final UnaryOperator<Geometry> axes;
    private final Tail tail;
    private final ByteArrayOutputStream buffer = new ByteArrayOutputStream(CHUNK + 8192);
    private final JsonGenerator json;
    private int returned;
    private boolean started;
    private boolean finished;

    /**
     * @param cursor the page's features and, when more follow, one more
     * @param axes   turns each geometry to the axis order of the output CRS ({@code null}: as it is)
     */
    ItemsStream(FeatureCursor cursor, int limit, boolean temporal, UnaryOperator<Geometry> axes, Tail tail) {
        this.cursor = cursor;
        this.limit = limit;
        this.temporal = temporal;
        this.axes = axes;
        this.tail = tail;
        try {
            this.json = JSON.createGenerator(buffer, JsonEncoding.UTF8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public byte[] next() {
        if (finished) {
            return null;
        }
        try {
            if (!started) {
                started = true;
                json.writeStartObject();
                json.writeStringField("type", "FeatureCollection");
                json.writeArrayFieldStart("features");
            }
            while (buffer.size() < CHUNK) {
                if (returned >= limit || !cursor.hasNext()) {
                    boolean more = returned >= limit && cursor.hasNext();
                    close();
                    json.writeEndArray();
                    json.writeNumberField("numberReturned", returned);
                    json.writeNumberField("numberMatched", tail.matched(returned, more));
                    json.writeFieldName("links");
                    Json.write(json, tail.links(returned, more));
                    json.writeStringField("timeStamp", Instant.now().toString());
                    json.writeEndObject();
                    finished = true;
                    break;
                }
                Feature f = cursor.next();
                if (axes != null && f.geometry() != null) {
                    f = new Feature(f.id(), axes.apply(f.geometry()), f.properties(), f.validFrom(), f.validTo(), f.version());
                }
                GeoJsonWriter.feature(json, f, temporal, null);
                returned++;
                json.flush();
            }
            json.flush();
            byte[] chunk = buffer.toByteArray();
            buffer.reset();
            return chunk;
        } catch (IOException e) {
            close();
            throw new UncheckedIOException(e);
        } catch (RuntimeException e) {
            close();
            throw e;
        }
    }

    @Override
    public void close() {
        cursor.close();
    }
}
