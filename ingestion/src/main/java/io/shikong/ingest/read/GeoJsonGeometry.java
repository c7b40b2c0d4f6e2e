package io.shikong.ingest.read;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.locationtech.jts.geom.Coordinate;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.geom.GeometryFactory;
import org.locationtech.jts.geom.LineString;
import org.locationtech.jts.geom.LinearRing;
import org.locationtech.jts.geom.Point;
import org.locationtech.jts.geom.Polygon;

/**
 * Reads one GeoJSON geometry object from a streaming parser into JTS (x = first ordinate). Members may
 * come in any order: coordinates are collected as nested lists and built once the type is known.
 * A geometry that is not well formed (unknown type, a ring of fewer than 4 positions, an empty position)
 * is an {@link IllegalArgumentException} saying which; the caller turns it into a reject.
 */
final class GeoJsonGeometry {

    private final GeometryFactory gf;

    GeoJsonGeometry(GeometryFactory gf) {
        this.gf = gf;
    }

    /** Reads the geometry at the parser's START_OBJECT (or VALUE_NULL → {@code null}). */
    Geometry read(JsonParser p) throws IOException {
        if (p.currentToken() == JsonToken.VALUE_NULL) {
            return null;
        }
        if (p.currentToken() != JsonToken.START_OBJECT) {
            throw new IllegalArgumentException("geometry is not an object");
        }
        String type = null;
        Object coordinates = null;
        List<Geometry> members = null;
        while (p.nextToken() == JsonToken.FIELD_NAME) {
            String name = p.currentName();
            JsonToken t = p.nextToken();
            switch (name) {
                case "type" -> type = p.getValueAsString();
                case "coordinates" -> coordinates = t == JsonToken.START_ARRAY ? nested(p) : skip(p);
                case "geometries" -> {
                    members = new ArrayList<>();
                    if (t == JsonToken.START_ARRAY) {
                        while (p.nextToken() != JsonToken.END_ARRAY) {
                            members.add(read(p));
                        }
                    } else {
                        skip(p);
                    }
                }
                default -> skip(p);
            }
        }
        if (type == null) {
            throw new IllegalArgumentException("geometry has no type");
        }
        if (type.equals("GeometryCollection")) {
            return gf.createGeometryCollection(members == null ? new Geometry[0] : members.toArray(new Geometry[0]));
        }
        if (coordinates == null) {
            throw new IllegalArgumentException(type + " has no coordinates");
        }
        return build(type, coordinates);
    }

    private static Object skip(JsonParser p) throws IOException {
        p.skipChildren();
        return null;
    }

    /** Nested arrays as lists; a position (array of numbers) as a Coordinate. */
    private static Object nested(JsonParser p) throws IOException {
        List<Object> items = new ArrayList<>();
        double[] nums = new double[3];
        int n = 0;
        boolean numbers = false;
        JsonToken t;
        while ((t = p.nextToken()) != JsonToken.END_ARRAY) {
            if (t == JsonToken.START_ARRAY) {
                items.add(nested(p));
            } else if (t == JsonToken.VALUE_NUMBER_INT || t == JsonToken.VALUE_NUMBER_FLOAT) {
                numbers = true;
                if (n < 3) {
                    nums[n] = p.getDoubleValue();
                }
                n++;
            } else if (t == null) {
                throw new java.io.EOFException("end of input inside coordinates");
            } else {
                throw new IllegalArgumentException("coordinates hold " + t.asString() + " where numbers belong");
            }
        }
        if (numbers) {
            if (n < 2) {
                throw new IllegalArgumentException("a position has fewer than 2 numbers");
            }
            return n >= 3 ? new Coordinate(nums[0], nums[1], nums[2]) : new Coordinate(nums[0], nums[1]);
        }
        return items;
    }

    private Geometry build(String type, Object c) {
        return switch (type) {
            case "Point" -> c instanceof List<?> l && l.isEmpty() ? gf.createPoint() : gf.createPoint(position(c));
            case "MultiPoint" -> gf.createMultiPoint(list(c).stream().map(o -> gf.createPoint(position(o)))
                    .toArray(Point[]::new));
            case "LineString" -> line(c);
            case "MultiLineString" -> gf.createMultiLineString(list(c).stream().map(this::line).toArray(LineString[]::new));
            case "Polygon" -> polygon(c);
            case "MultiPolygon" -> gf.createMultiPolygon(list(c).stream().map(this::polygon).toArray(Polygon[]::new));
            default -> throw new IllegalArgumentException("unknown geometry type '" + type + "'");
        };
    }

    private static List<?> list(Object c) {
        if (c instanceof List<?> l) {
            return l;
        }
        throw new IllegalArgumentException("coordinates nested too shallow");
    }

    private static Coordinate position(Object c) {
        if (c instanceof Coordinate co) {
            return co;
        }
        throw new IllegalArgumentException("a position is not an array of numbers");
    }

    private static Coordinate[] positions(Object c) {
        return list(c).stream().map(GeoJsonGeometry::position).toArray(Coordinate[]::new);
    }

    private LineString line(Object c) {
        Coordinate[] cs = positions(c);
        if (cs.length == 1) {
            throw new IllegalArgumentException("a LineString has a single position");
        }
        return gf.createLineString(cs);
    }

    private LinearRing ring(Object c) {
        Coordinate[] cs = positions(c);
        if (cs.length > 0 && cs.length < 4) {
            throw new IllegalArgumentException("a polygon ring has " + cs.length + " positions (at least 4)");
        }
        if (cs.length > 0 && !cs[0].equals2D(cs[cs.length - 1])) {
            throw new IllegalArgumentException("a polygon ring is not closed");
        }
        return gf.createLinearRing(cs);
    }

    private Polygon polygon(Object c) {
        List<?> rings = list(c);
        if (rings.isEmpty()) {
            return gf.createPolygon();
        }
        LinearRing shell = ring(rings.get(0));
        LinearRing[] holes = rings.subList(1, rings.size()).stream().map(this::ring).toArray(LinearRing[]::new);
        return gf.createPolygon(shell, holes);
    }
}
