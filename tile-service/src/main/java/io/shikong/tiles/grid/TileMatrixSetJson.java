package io.shikong.tiles.grid;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;

/**
 * A tile matrix set as an OGC Two Dimensional Tile Matrix Set 2.0 JSON document ({@code crs}, {@code
 * orderedAxes}, {@code tileMatrices} with {@code cornerOfOrigin} and {@code pointOfOrigin} in the CRS's
 * axis order).
 */
public final class TileMatrixSetJson {

    private static final JsonFactory JSON = new JsonFactory();

    private TileMatrixSetJson() {
    }

    public static void write(TileMatrixSet set, OutputStream out) {
        try (JsonGenerator g = JSON.createGenerator(out)) {
            g.useDefaultPrettyPrinter();
            g.writeStartObject();
            g.writeStringField("id", set.id());
            g.writeStringField("title", set.title());
            if (set.uri() != null) {
                g.writeStringField("uri", set.uri());
            }
            g.writeStringField("crs", set.crs().uri());
            g.writeArrayFieldStart("orderedAxes");
            if (set.crs().geographic()) {
                if (set.northingFirst()) {
                    g.writeString("Lat");
                    g.writeString("Lon");
                } else {
                    g.writeString("Lon");
                    g.writeString("Lat");
                }
            } else {
                g.writeString("E");
                g.writeString("N");
            }
            g.writeEndArray();
            if (set.wellKnownScaleSet() != null) {
                g.writeStringField("wellKnownScaleSet", set.wellKnownScaleSet());
            }
            if (set.gcj02()) {
                g.writeStringField("description", "坐标先偏移为 GCJ-02 再投影；GCJ-02 不是 EPSG 坐标系。"
                        + " Coordinates are shifted to GCJ-02 before the Web Mercator projection, to overlay on"
                        + " Amap or Tencent base maps; GCJ-02 is not an EPSG CRS.");
            }
            g.writeArrayFieldStart("tileMatrices");
            for (TileMatrix m : set.matrices()) {
                g.writeStartObject();
                g.writeStringField("id", m.id());
                g.writeNumberField("scaleDenominator", m.scaleDenominator());
                g.writeNumberField("cellSize", m.cellSize());
                g.writeStringField("cornerOfOrigin", "topLeft");
                g.writeArrayFieldStart("pointOfOrigin");
                if (set.northingFirst()) {
                    g.writeNumber(m.originY());
                    g.writeNumber(m.originX());
                } else {
                    g.writeNumber(m.originX());
                    g.writeNumber(m.originY());
                }
                g.writeEndArray();
                g.writeNumberField("tileWidth", m.tileWidth());
                g.writeNumberField("tileHeight", m.tileHeight());
                g.writeNumberField("matrixWidth", m.matrixWidth());
                g.writeNumberField("matrixHeight", m.matrixHeight());
                g.writeEndObject();
            }
            g.writeEndArray();
            g.writeEndObject();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
