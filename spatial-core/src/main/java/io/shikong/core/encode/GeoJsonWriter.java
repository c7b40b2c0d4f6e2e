package io.shikong.core.encode;

import com.fasterxml.jackson.core.JsonGenerator;
import io.shikong.core.feature.Feature;
import java.io.IOException;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import org.locationtech.jts.geom.CoordinateSequence;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.geom.GeometryCollection;
import org.locationtech.jts.geom.LineString;
import org.locationtech.jts.geom.MultiLineString;
import org.locationtech.jts.geom.MultiPoint;
import org.locationtech.jts.geom.MultiPolygon;
import org.locationtech.jts.geom.Point;
import org.locationtech.jts.geom.Polygon;

/**
 * Writes features as RFC 7946 GeoJSON on a Jackson generator, one at a time. Written here rather than
 * with JTS's GeoJsonWriter because that one builds a whole JSON tree of maps per geometry; this writes
 * coordinates straight from the coordinate sequences, which is what keeps the REST rate near the
 * database's (see bench/).
 */
public final class GeoJsonWriter {

    private GeoJsonWriter() {
    }

    /**
     * Writes one feature: {@code id}, {@code geometry}, {@code properties} (with valid time as
     * {@code valid_from}/{@code valid_to}), and the foreign members {@code version} and, when not
     * {@code null}, {@code distance} in metres.
     */
    public static void feature(JsonGenerator g, Feature f, boolean temporal, Double distance) throws IOException {
        g.writeStartObject();
        g.writeStringField("type", "Feature");
        g.writeStringField("id", f.id());
        g.writeFieldName("geometry");
        geometry(g, f.geometry());
        g.writeObjectFieldStart("properties");
        for (Map.Entry<String, Object> e : f.properties().entrySet()) {
            g.writeFieldName(e.getKey());
            value(g, e.getValue());
        }
        if (temporal) {
            g.writeFieldName("valid_from");
            value(g, f.validFrom());
            g.writeFieldName("valid_to");
            value(g, f.validTo());
        }
        g.writeEndObject();
        g.writeNumberField("version", f.version());
        if (distance != null) {
            g.writeNumberField("distance", Math.round(distance * 1000) / 1000.0);
        }
        g.writeEndObject();
    }

    /**
     * Writes a property value, or a small JSON document given as maps (keys as text, in their order), lists and
     * values: strings, integers, doubles (their shortest text; NaN and the infinities as null), booleans, and
     * anything else (instants, dates) as its text. The one writer of such trees, for feature properties, the
     * OGC API documents and the MapLibre styles.
     */
    public static void value(JsonGenerator g, Object v) throws IOException {
        if (v == null) {
            g.writeNull();
        } else if (v instanceof Map<?, ?> m) {
            g.writeStartObject();
            for (Map.Entry<?, ?> e : m.entrySet()) {
                g.writeFieldName(String.valueOf(e.getKey()));
                value(g, e.getValue());
            }
            g.writeEndObject();
        } else if (v instanceof List<?> list) {
            g.writeStartArray();
            for (Object o : list) {
                value(g, o);
            }
            g.writeEndArray();
        } else if (v instanceof Float f) {
            value(g, f.doubleValue());
        } else if (v instanceof String s) {
            g.writeString(s);
        } else if (v instanceof Integer i) {
            g.writeNumber(i);
        } else if (v instanceof Long l) {
            g.writeNumber(l);
        } else if (v instanceof Double d) {
            if (Double.isFinite(d)) {
                char[] text = new char[DoubleText.MAX_LENGTH];
                g.writeNumber(text, 0, DoubleText.write(d, text, 0));
            } else {
                g.writeNull();
            }
        } else if (v instanceof Boolean b) {
            g.writeBoolean(b);
        } else if (v instanceof Instant || v instanceof LocalDate) {
            g.writeString(v.toString());
        } else {
            g.writeString(v.toString());
        }
    }

    /** Writes a geometry, or {@code null}. Coordinates as they are: x first. */
    public static void geometry(JsonGenerator g, Geometry geom) throws IOException {
        if (geom == null) {
            g.writeNull();
            return;
        }
        g.writeStartObject();
        g.writeStringField("type", geom.getGeometryType());
        if (geom instanceof GeometryCollection gc && !(geom instanceof MultiPoint || geom instanceof MultiLineString
                || geom instanceof MultiPolygon)) {
            g.writeArrayFieldStart("geometries");
            for (int i = 0; i < gc.getNumGeometries(); i++) {
                geometry(g, gc.getGeometryN(i));
            }
            g.writeEndArray();
            g.writeEndObject();
            return;
        }
        g.writeFieldName("coordinates");
        coordinates(g, geom);
        g.writeEndObject();
    }

    private static void coordinates(JsonGenerator g, Geometry geom) throws IOException {
        if (geom instanceof Point p) {
            if (p.isEmpty()) {
                g.writeStartArray();
                g.writeEndArray();
            } else {
                position(g, p.getCoordinateSequence(), 0, new char[DoubleText.MAX_LENGTH]);
            }
        } else if (geom instanceof LineString l) {
            sequence(g, l.getCoordinateSequence());
        } else if (geom instanceof Polygon p) {
            g.writeStartArray();
            if (!p.isEmpty()) {
                sequence(g, p.getExteriorRing().getCoordinateSequence());
                for (int i = 0; i < p.getNumInteriorRing(); i++) {
                    sequence(g, p.getInteriorRingN(i).getCoordinateSequence());
                }
            }
            g.writeEndArray();
        } else {
            g.writeStartArray();
            for (int i = 0; i < geom.getNumGeometries(); i++) {
                coordinates(g, geom.getGeometryN(i));
            }
            g.writeEndArray();
        }
    }

    private static void sequence(JsonGenerator g, CoordinateSequence s) throws IOException {
        g.writeStartArray();
        char[] text = new char[DoubleText.MAX_LENGTH];
        for (int i = 0; i < s.size(); i++) {
            position(g, s, i, text);
        }
        g.writeEndArray();
    }

    /** [x, y], each the shortest decimal that reads back as the same double ({@link DoubleText}). */
    private static void position(JsonGenerator g, CoordinateSequence s, int i, char[] text) throws IOException {
        g.writeStartArray();
        number(g, s.getX(i), text);
        number(g, s.getY(i), text);
        g.writeEndArray();
    }

    private static void number(JsonGenerator g, double v, char[] text) throws IOException {
        if (Double.isFinite(v)) {
            g.writeNumber(text, 0, DoubleText.write(v, text, 0));
        } else {
            g.writeNumber(v); // as Jackson writes non-finite numbers
        }
    }
}
