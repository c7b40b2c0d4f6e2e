package io.shikong.ingest.write;

import com.fasterxml.jackson.core.JsonEncoding;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import io.shikong.core.catalog.LayerDefinition;
import io.shikong.core.crs.Crs;
import io.shikong.core.encode.GeoJsonWriter;
import io.shikong.core.feature.Feature;
import java.io.IOException;
import java.io.OutputStream;

/**
 * A GeoJSON FeatureCollection, streamed with Jackson's generator and spatial-core's
 * {@link GeoJsonWriter}. RFC 7946 GeoJSON is CRS84; for any other CRS the collection carries the legacy
 * {@code crs} member naming it (which the GeoJSON reader and GDAL honour).
 */
public final class GeoJsonFeatureWriter implements FeatureWriter {

    private static final JsonFactory JSON = JsonFactory.builder().build();

    private final JsonGenerator g;
    private final boolean temporal;

    public GeoJsonFeatureWriter(OutputStream out, LayerDefinition layer, Crs crs) throws IOException {
        this.temporal = layer.temporal();
        this.g = JSON.createGenerator(out, JsonEncoding.UTF8);
        g.writeStartObject();
        g.writeStringField("type", "FeatureCollection");
        g.writeStringField("name", layer.name());
        if (!crs.code().equals("CRS84")) {
            g.writeObjectFieldStart("crs");
            g.writeStringField("type", "name");
            g.writeObjectFieldStart("properties");
            g.writeStringField("name", crs.epsg() > 0 ? crs.urn() : crs.code());
            g.writeEndObject();
            g.writeEndObject();
        }
        g.writeArrayFieldStart("features");
    }

    @Override
    public void write(Feature feature) throws IOException {
        GeoJsonWriter.feature(g, feature, temporal, null);
    }

    @Override
    public void close() throws IOException {
        g.writeEndArray();
        g.writeEndObject();
        g.close();
    }
}
