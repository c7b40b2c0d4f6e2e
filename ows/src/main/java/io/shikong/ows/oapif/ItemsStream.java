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
import java.util.function.IntFunction;
import java.util.function.UnaryOperator;
import org.locationtech.jts.geom.Geometry;

/**
 * A page of items as a GeoJSON FeatureCollection, written in chunks of about 64 KiB from the store's cursor:
 * {@code numberMatched} first (counted before), the features, then {@code numberReturned} and the links (the
 * next link needs to know how many came back).
 */
final class ItemsStream implements Chunks {

    private static final int CHUNK = 64 * 1024;
    private static final JsonFactory JSON = new JsonFactory();

    private final FeatureCursor cursor;
    private final long matched;
    private final boolean temporal;
    private final UnaryOperator<Geometry> axes;
    private final IntFunction<List<Map<String, Object>>> links;
    private final ByteArrayOutputStream buffer = new ByteArrayOutputStream(CHUNK + 8192);
    private final JsonGenerator json;
    private int returned;
    private boolean started;
    private boolean finished;

    /**
     * @param axes  turns each geometry to the axis order of the output CRS ({@code null}: as it is)
     * @param links the collection's links, given the number of features returned
     */
    ItemsStream(FeatureCursor cursor, long matched, boolean temporal, UnaryOperator<Geometry> axes,
                IntFunction<List<Map<String, Object>>> links) {
        this.cursor = cursor;
        this.matched = matched;
        this.temporal = temporal;
        this.axes = axes;
        this.links = links;
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
                json.writeNumberField("numberMatched", matched);
                json.writeArrayFieldStart("features");
            }
            while (buffer.size() < CHUNK) {
                if (!cursor.hasNext()) {
                    json.writeEndArray();
                    json.writeNumberField("numberReturned", returned);
                    json.writeFieldName("links");
                    Json.write(json, links.apply(returned));
                    json.writeStringField("timeStamp", Instant.now().toString());
                    json.writeEndObject();
                    finished = true;
                    close();
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
