package io.shikong.core.store.jdbc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.locationtech.jts.geom.Coordinate;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.geom.LineString;
import org.locationtech.jts.geom.Polygon;
import org.locationtech.jts.io.ByteOrderValues;
import org.locationtech.jts.io.ParseException;
import org.locationtech.jts.io.WKBReader;
import org.locationtech.jts.io.WKBWriter;
import org.locationtech.jts.io.WKTReader;

/** {@link WkbDecoder} builds what JTS's {@link WKBReader} builds, for every WKB, on its fast path and off it. */
class WkbDecoderTest {

    private static final String[] WKT = {
        "POINT (123.4 41.8)",
        "POINT EMPTY",
        "LINESTRING (123.4 41.8, 123.5 41.9, 123.6 41.7)",
        "LINESTRING EMPTY",
        "POLYGON ((0 0, 10 0, 10 10, 0 10, 0 0), (2 2, 2 4, 4 4, 4 2, 2 2), (6 6, 6 8, 8 8, 6 6))",
        "POLYGON EMPTY",
        "MULTIPOINT ((1 2), (3 4))",
        "MULTIPOINT EMPTY",
        "MULTILINESTRING ((1 2, 3 4), (5 6, 7 8, 9 10))",
        "MULTIPOLYGON (((123.4 41.8, 123.401 41.8, 123.401 41.801, 123.4 41.801, 123.4 41.8)), "
                + "((0 0, 1 0, 1 1, 0 0)))",
        "MULTIPOLYGON EMPTY",
        "GEOMETRYCOLLECTION (POINT (1 2), LINESTRING (1 2, 3 4), "
                + "GEOMETRYCOLLECTION (POLYGON ((0 0, 1 0, 1 1, 0 0))), MULTIPOINT ((5 6)))",
        "GEOMETRYCOLLECTION EMPTY",
        "POINT (-0.0 1e-300)",
    };

    private static Geometry jts(byte[] wkb) throws ParseException {
        return new WKBReader().read(wkb);
    }

    private static void assertSame(Geometry fast, Geometry full) {
        assertThat(fast.getClass()).isEqualTo(full.getClass());
        assertThat(fast.equalsExact(full)).as(full.toText()).isTrue();
        assertThat(fast.isEmpty()).isEqualTo(full.isEmpty());
        assertThat(fast.getSRID()).isEqualTo(full.getSRID());
        assertThat(fast.getNumGeometries()).isEqualTo(full.getNumGeometries());
        Coordinate[] a = fast.getCoordinates();
        Coordinate[] b = full.getCoordinates();
        assertThat(a).hasSameSizeAs(b);
        for (int i = 0; i < a.length; i++) {
            // the same coordinate class (CoordinateXY), so z and m read alike downstream
            assertThat(a[i].getClass()).isEqualTo(b[i].getClass());
            assertThat(Double.doubleToRawLongBits(a[i].x)).isEqualTo(Double.doubleToRawLongBits(b[i].x));
            assertThat(Double.doubleToRawLongBits(a[i].y)).isEqualTo(Double.doubleToRawLongBits(b[i].y));
            assertThat(Double.doubleToRawLongBits(a[i].getZ())).isEqualTo(Double.doubleToRawLongBits(b[i].getZ()));
        }
        for (int i = 0; i < fast.getNumGeometries(); i++) {
            Geometry p = fast.getGeometryN(i);
            Geometry q = full.getGeometryN(i);
            if (p instanceof LineString l) {
                assertThat(l.getCoordinateSequence().getDimension()).isEqualTo(((LineString) q).getCoordinateSequence().getDimension());
            }
            if (p instanceof Polygon poly) {
                assertThat(poly.getNumInteriorRing()).isEqualTo(((Polygon) q).getNumInteriorRing());
            }
        }
    }

    private static byte[] wkb(String wkt, int dimension, int order, boolean srid) throws ParseException {
        Geometry g = new WKTReader().read(wkt);
        g.setSRID(4490);
        return new WKBWriter(dimension, order, srid).write(g);
    }

    @Test
    void littleEndian2dIsReadAsJtsReadsIt() throws ParseException {
        WkbDecoder decoder = new WkbDecoder();
        for (String wkt : WKT) {
            byte[] bytes = wkb(wkt, 2, ByteOrderValues.LITTLE_ENDIAN, false);
            assertSame(decoder.read(bytes), jts(bytes));
        }
    }

    @Test
    void otherWkbGoesToTheFullReader() throws ParseException {
        WkbDecoder decoder = new WkbDecoder();
        for (String wkt : WKT) {
            for (byte[] bytes : List.of(wkb(wkt, 2, ByteOrderValues.BIG_ENDIAN, false),
                    wkb(wkt, 2, ByteOrderValues.LITTLE_ENDIAN, true))) {
                Geometry full = jts(bytes);
                Geometry fast = decoder.read(bytes);
                assertThat(fast.getClass()).isEqualTo(full.getClass());
                assertThat(fast.equalsExact(full)).as(wkt).isTrue();
                assertThat(fast.getSRID()).isEqualTo(full.getSRID());
            }
        }
        // 3D stays 3D
        for (String wkt : List.of("POINT Z (1 2 3)", "LINESTRING Z (1 2 3, 4 5 6)",
                "MULTIPOLYGON Z (((0 0 1, 1 0 1, 1 1 2, 0 0 1)))")) {
            byte[] bytes = wkb(wkt, 3, ByteOrderValues.LITTLE_ENDIAN, false);
            Geometry full = jts(bytes);
            Geometry fast = decoder.read(bytes);
            assertThat(fast.equalsExact(full)).isTrue();
            assertThat(fast.getCoordinates()[fast.getNumPoints() - 1].getZ()).isEqualTo(full.getCoordinates()[full.getNumPoints() - 1].getZ())
                    .isNotNaN();
        }
    }

    private static byte[] le(Object... parts) {
        ByteBuffer b = ByteBuffer.allocate(1024).order(ByteOrder.LITTLE_ENDIAN);
        for (Object p : parts) {
            if (p instanceof Byte x) {
                b.put(x);
            } else if (p instanceof Integer x) {
                b.putInt(x);
            } else {
                b.putDouble((Double) p);
            }
        }
        byte[] out = new byte[b.position()];
        b.flip().get(out);
        return out;
    }

    @Test
    void whatTheFullReaderRepairsIsRepairedAlike() throws ParseException {
        WkbDecoder decoder = new WkbDecoder();
        byte one = 1;
        List<byte[]> cases = new ArrayList<>();
        // a ring that is not closed
        cases.add(le(one, 3, 1, 4, 0.0, 0.0, 1.0, 0.0, 1.0, 1.0, 0.0, 1.0));
        // a ring of three points
        cases.add(le(one, 3, 1, 3, 0.0, 0.0, 1.0, 0.0, 0.0, 0.0));
        // a line of one point
        cases.add(le(one, 2, 1, 5.0, 6.0));
        // a multipolygon holding an unclosed ring
        cases.add(le(one, 6, 1, one, 3, 1, 4, 0.0, 0.0, 1.0, 0.0, 1.0, 1.0, 0.0, 1.0));
        for (byte[] bytes : cases) {
            assertSame(decoder.read(bytes), jts(bytes));
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"truncated", "count", "type", "member"})
    void malformedWkbFailsAsInTheFullReader(String how) throws ParseException {
        byte one = 1;
        byte[] bytes = switch (how) {
            case "truncated" -> java.util.Arrays.copyOf(wkb(WKT[4], 2, ByteOrderValues.LITTLE_ENDIAN, false), 40);
            case "count" -> le(one, 2, 1_000_000, 1.0, 2.0);
            case "type" -> le(one, 99, 0);
            default -> le(one, 6, 1, one, 1, 1.0, 2.0); // a point inside a multipolygon
        };
        WkbDecoder decoder = new WkbDecoder();
        assertThatThrownBy(() -> jts(bytes)).isInstanceOf(ParseException.class);
        assertThatThrownBy(() -> decoder.read(bytes)).isInstanceOf(ParseException.class);
        // and the decoder still reads the next one
        byte[] good = wkb(WKT[9], 2, ByteOrderValues.LITTLE_ENDIAN, false);
        assertSame(decoder.read(good), jts(good));
    }

    @Test
    void randomPolygonsAndLinesRoundTrip() throws ParseException {
        Random rnd = new Random(15);
        WkbDecoder decoder = new WkbDecoder();
        org.locationtech.jts.geom.GeometryFactory f = new org.locationtech.jts.geom.GeometryFactory();
        for (int k = 0; k < 500; k++) {
            int n = 4 + rnd.nextInt(40);
            Coordinate[] ring = new Coordinate[n];
            for (int i = 0; i < n - 1; i++) {
                ring[i] = new Coordinate(123 + rnd.nextDouble(), 41 + rnd.nextDouble());
            }
            ring[n - 1] = ring[0].copy();
            Geometry g = rnd.nextBoolean() ? f.createMultiPolygon(new Polygon[] {f.createPolygon(ring)})
                    : f.createLineString(java.util.Arrays.copyOf(ring, n - 1));
            byte[] bytes = new WKBWriter(2, ByteOrderValues.LITTLE_ENDIAN).write(g);
            assertSame(decoder.read(bytes), jts(bytes));
        }
    }
}
