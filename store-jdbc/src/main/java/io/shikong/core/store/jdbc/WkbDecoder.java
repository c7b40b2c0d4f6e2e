package io.shikong.core.store.jdbc;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import org.locationtech.jts.geom.Coordinate;
import org.locationtech.jts.geom.CoordinateXY;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.geom.GeometryFactory;
import org.locationtech.jts.geom.LineString;
import org.locationtech.jts.geom.LinearRing;
import org.locationtech.jts.geom.Point;
import org.locationtech.jts.geom.Polygon;
import org.locationtech.jts.geom.impl.CoordinateArraySequence;
import org.locationtech.jts.io.ParseException;
import org.locationtech.jts.io.WKBReader;

/**
 * Reads the WKB the stores select ({@code ST_AsBinary}: little-endian, two dimensions) straight from the byte array,
 * building the same geometries as JTS's {@link WKBReader} with a default {@link GeometryFactory} (coordinates of
 * {@link CoordinateXY} in {@link CoordinateArraySequence}s). Anything else — big-endian, Z or M, an SRID, a ring that is
 * not closed, a line of one point, a malformed array — is left to {@link WKBReader}, which reads every WKB (and
 * repairs or refuses it) as before. Not thread-safe: one per cursor.
 */
final class WkbDecoder {

    private static final VarHandle DOUBLE = MethodHandles.byteArrayViewVarHandle(double[].class, ByteOrder.LITTLE_ENDIAN);
    private static final VarHandle INT = MethodHandles.byteArrayViewVarHandle(int[].class, ByteOrder.LITTLE_ENDIAN);

    /** Thrown (without a stack) where the fast path stops and {@link WKBReader} takes over. */
    private static final RuntimeException OTHER = new RuntimeException("not plain little-endian 2D WKB", null, false, false) {
    };

    private final GeometryFactory factory = new GeometryFactory();
    private WKBReader fallback;
    private byte[] bytes;
    private int at;

    Geometry read(byte[] wkb) throws ParseException {
        bytes = wkb;
        at = 0;
        try {
            Geometry g = geometry();
            if (at == wkb.length) {
                return g;
            }
        } catch (RuntimeException e) { // OTHER, or an index out of the array: a WKB for the full reader
            if (e != OTHER && !(e instanceof IndexOutOfBoundsException)) {
                throw e;
            }
        } finally {
            bytes = null;
        }
        if (fallback == null) {
            fallback = new WKBReader(factory);
        }
        return fallback.read(wkb);
    }

    private int count() {
        int n = (int) INT.get(bytes, at);
        at += 4;
        // a count cannot exceed what the bytes left could hold (16 bytes a coordinate at least)
        if (n < 0 || n > (bytes.length - at) / 4) {
            throw OTHER;
        }
        return n;
    }

    private int header() {
        if (bytes[at] != 1) {
            throw OTHER; // big-endian, or not WKB
        }
        int type = (int) INT.get(bytes, at + 1);
        at += 5;
        return type; // Z, M and SRID variants are other numbers: not one of 1..7
    }

    private Geometry geometry() {
        return switch (header()) {
            case 1 -> point();
            case 2 -> line();
            case 3 -> polygon();
            case 4 -> {
                Point[] points = new Point[count()];
                for (int i = 0; i < points.length; i++) {
                    if (header() != 1) {
                        throw OTHER;
                    }
                    points[i] = point();
                }
                yield factory.createMultiPoint(points);
            }
            case 5 -> {
                LineString[] lines = new LineString[count()];
                for (int i = 0; i < lines.length; i++) {
                    if (header() != 2) {
                        throw OTHER;
                    }
                    lines[i] = line();
                }
                yield factory.createMultiLineString(lines);
            }
            case 6 -> {
                Polygon[] polygons = new Polygon[count()];
                for (int i = 0; i < polygons.length; i++) {
                    if (header() != 3) {
                        throw OTHER;
                    }
                    polygons[i] = polygon();
                }
                yield factory.createMultiPolygon(polygons);
            }
            case 7 -> {
                Geometry[] parts = new Geometry[count()];
                for (int i = 0; i < parts.length; i++) {
                    parts[i] = geometry();
                }
                yield factory.createGeometryCollection(parts);
            }
            default -> throw OTHER;
        };
    }

    private Point point() {
        double x = (double) DOUBLE.get(bytes, at);
        double y = (double) DOUBLE.get(bytes, at + 8);
        at += 16;
        if (Double.isNaN(x) || Double.isNaN(y)) {
            return factory.createPoint(); // WKB's empty point
        }
        return factory.createPoint(new CoordinateArraySequence(new Coordinate[] {new CoordinateXY(x, y)}, 2, 0));
    }

    private CoordinateArraySequence coordinates() {
        int n = count();
        Coordinate[] c = new Coordinate[n];
        byte[] b = bytes;
        int p = at;
        for (int i = 0; i < n; i++, p += 16) {
            c[i] = new CoordinateXY((double) DOUBLE.get(b, p), (double) DOUBLE.get(b, p + 8));
        }
        at = p;
        return new CoordinateArraySequence(c, 2, 0);
    }

    private LineString line() {
        CoordinateArraySequence s = coordinates();
        if (s.size() == 1) {
            throw OTHER; // the full reader repeats the point
        }
        return factory.createLineString(s);
    }

    private LinearRing ring() {
        CoordinateArraySequence s = coordinates();
        int n = s.size();
        if (n != 0 && (n < 4 || s.getX(0) != s.getX(n - 1) || s.getY(0) != s.getY(n - 1))) {
            throw OTHER; // the full reader closes or pads it
        }
        return factory.createLinearRing(s);
    }

    private Polygon polygon() {
        int rings = count();
        if (rings == 0) {
            return factory.createPolygon();
        }
        LinearRing shell = ring();
        LinearRing[] holes = new LinearRing[rings - 1];
        for (int i = 0; i < holes.length; i++) {
            holes[i] = ring();
        }
        return factory.createPolygon(shell, holes);
    }
}
