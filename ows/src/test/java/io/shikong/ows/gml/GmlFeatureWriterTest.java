package io.shikong.ows.gml;

import static org.assertj.core.api.Assertions.assertThat;

import io.shikong.core.catalog.Access;
import io.shikong.core.catalog.AttributeDefinition;
import io.shikong.core.catalog.AttributeType;
import io.shikong.core.catalog.GeometryType;
import io.shikong.core.catalog.GmlProperties;
import io.shikong.core.catalog.LayerDefinition;
import io.shikong.core.encode.DoubleText;
import io.shikong.core.feature.Feature;
import io.shikong.ows.xml.Xml;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.locationtech.jts.geom.Coordinate;
import org.locationtech.jts.geom.CoordinateSequence;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.geom.GeometryFactory;
import org.locationtech.jts.geom.LineString;
import org.locationtech.jts.geom.LinearRing;
import org.locationtech.jts.geom.MultiLineString;
import org.locationtech.jts.geom.MultiPoint;
import org.locationtech.jts.geom.MultiPolygon;
import org.locationtech.jts.geom.Point;
import org.locationtech.jts.geom.Polygon;

/**
 * The feature writer with its pre-encoded names, ids written in parts, srsName bytes made once and numbers written
 * in place writes what the plain writer wrote (a copy of it below, through Xml's String calls), byte for byte, in
 * GML 3.2 and 3.1.1, both axis orders, in a chunked writer and a streaming one.
 */
class GmlFeatureWriterTest {

    private static final GeometryFactory GF = new GeometryFactory();
    private static final String ALPHABET = "ab <>&\"'\n中文é𝄞\u0001.-_";

    private static final LayerDefinition LAYER = new LayerDefinition("buildings", "Buildings", "", List.of(),
            GeometryType.GEOMETRY, 4490, List.of(AttributeDefinition.of("name", AttributeType.STRING),
            AttributeDefinition.of("floors", AttributeType.INTEGER), AttributeDefinition.of("height_m", AttributeType.DOUBLE),
            AttributeDefinition.of("big", AttributeType.LONG), AttributeDefinition.of("seen", AttributeType.TIMESTAMP),
            AttributeDefinition.of("ok", AttributeType.BOOLEAN), AttributeDefinition.of("名称", AttributeType.STRING),
            AttributeDefinition.of("code", AttributeType.STRING)),
            "id", AttributeType.STRING, "geom", "buildings", false, LayerDefinition.VALID_FROM, LayerDefinition.VALID_TO,
            Access.PUBLIC, true, false, null, new GmlProperties("name", "名称", "code"));

    private static String random(SplittableRandom r) {
        StringBuilder sb = new StringBuilder();
        int n = r.nextInt(0, 10);
        for (int i = 0; i < n; i++) {
            int at = r.nextInt(ALPHABET.length());
            char c = ALPHABET.charAt(at);
            if (Character.isHighSurrogate(c)) {
                sb.append(c).append(ALPHABET.charAt(at + 1));
            } else if (!Character.isLowSurrogate(c)) {
                sb.append(c);
            }
        }
        return sb.toString();
    }

    private static Coordinate[] coords(SplittableRandom r, int n, boolean closed) {
        Coordinate[] c = new Coordinate[closed ? n + 1 : n];
        for (int i = 0; i < n; i++) {
            c[i] = r.nextBoolean() ? new Coordinate(r.nextDouble(73, 135), r.nextDouble(18, 53))
                    : new Coordinate(r.nextDouble(-2e7, 2e7), Math.round(r.nextDouble(0, 5e6) * 100) / 100.0);
        }
        if (closed) {
            c[n] = c[0];
        }
        return c;
    }

    private static Polygon polygon(SplittableRandom r) {
        LinearRing[] holes = new LinearRing[r.nextInt(3)];
        for (int i = 0; i < holes.length; i++) {
            holes[i] = GF.createLinearRing(coords(r, 3, true));
        }
        return GF.createPolygon(GF.createLinearRing(coords(r, 3 + r.nextInt(8), true)), holes);
    }

    private static Geometry geometry(SplittableRandom r, int depth) {
        return switch (r.nextInt(depth > 0 ? 7 : 9)) {
            case 0 -> GF.createPoint(coords(r, 1, false)[0]);
            case 1 -> GF.createLineString(coords(r, 2 + r.nextInt(4), false));
            case 2 -> polygon(r);
            case 3 -> GF.createMultiPolygon(new Polygon[] {polygon(r)});
            case 4 -> GF.createMultiPolygon(new Polygon[] {polygon(r), polygon(r), polygon(r)});
            case 5 -> GF.createMultiLineString(new LineString[] {GF.createLineString(coords(r, 2, false))});
            case 6 -> GF.createMultiPointFromCoords(coords(r, 2, false));
            case 7 -> GF.createGeometryCollection(new Geometry[] {geometry(r, depth + 1), geometry(r, depth + 1)});
            default -> null;
        };
    }

    private static Feature feature(SplittableRandom r) {
        Map<String, Object> p = new LinkedHashMap<>();
        if (r.nextInt(4) > 0) {
            p.put("name", random(r));
        }
        p.put("floors", r.nextInt(5) == 0 ? null : r.nextInt(-5, 200));
        p.put("height_m", r.nextInt(5) == 0 ? null : new double[] {r.nextDouble(0, 300), 12.5, -0.0, 1e-5, 3e17,
            Double.NaN}[r.nextInt(6)]);
        p.put("big", r.nextBoolean() ? null : new long[] {Long.MIN_VALUE, Long.MAX_VALUE, 0, -42, r.nextLong()}[r.nextInt(5)]);
        p.put("seen", r.nextBoolean() ? null : Instant.ofEpochSecond(r.nextLong(-1_000_000_000L, 4_000_000_000L),
                r.nextBoolean() ? 0 : r.nextInt(1_000_000_000)));
        p.put("ok", r.nextBoolean() ? null : r.nextBoolean());
        p.put("名称", r.nextBoolean() ? null : random(r));
        p.put("code", r.nextBoolean() ? null : random(r));
        Instant from = Instant.ofEpochSecond(r.nextLong(0, 2_000_000_000L), r.nextInt(3) == 0 ? r.nextInt(1000) * 1_000_000 : 0);
        Instant to = r.nextBoolean() ? null : from.plusSeconds(r.nextInt(1, 100_000_000));
        return new Feature(r.nextInt(4) == 0 ? random(r) : "b" + r.nextInt(1_000_000), geometry(r, 0), p, from, to,
                r.nextInt(1, 30));
    }

    @Test
    void writesWhatThePlainWriterWrote() {
        SplittableRandom r = new SplittableRandom(20261130);
        for (int doc = 0; doc < 300; doc++) {
            boolean gml32 = r.nextBoolean();
            boolean latFirst = r.nextBoolean();
            boolean versionId = r.nextBoolean();
            String srs = latFirst ? "urn:ogc:def:crs:EPSG::4490" : "http://www.opengis.net/def/crs/EPSG/0/4490?a=1&b=\"2\"";
            ByteArrayOutputStream expected = new ByteArrayOutputStream();
            Xml chunked = Xml.chunked(64);
            ByteArrayOutputStream streamed = new ByteArrayOutputStream();
            ByteArrayOutputStream fromChunks = new ByteArrayOutputStream();
            try (Xml e = new Xml(expected); Xml s = new Xml(streamed)) {
                e.start("wfs:FeatureCollection").ns("wfs", "http://www.opengis.net/wfs/2.0");
                s.start("wfs:FeatureCollection").ns("wfs", "http://www.opengis.net/wfs/2.0");
                chunked.start("wfs:FeatureCollection").ns("wfs", "http://www.opengis.net/wfs/2.0");
                GmlGeometryWriter sg = new GmlGeometryWriter(s, gml32, srs, latFirst);
                GmlGeometryWriter cg = new GmlGeometryWriter(chunked, gml32, srs, latFirst);
                int n = r.nextInt(1, 20);
                for (int i = 0; i < n; i++) {
                    Feature f = feature(r);
                    boolean standalone = r.nextInt(10) == 0;
                    e.start("wfs:member");
                    Reference.write(e, LAYER, f, versionId, gml32, standalone, srs, latFirst);
                    e.end();
                    s.start("wfs:member");
                    GmlFeatureWriter.write(s, LAYER, f, versionId, gml32, standalone, sg);
                    s.end();
                    chunked.start("wfs:member");
                    GmlFeatureWriter.write(chunked, LAYER, f, versionId, gml32, standalone, cg);
                    chunked.end();
                    if (r.nextBoolean()) {
                        fromChunks.writeBytes(chunked.take());
                    }
                }
                chunked.end();
                chunked.close();
                fromChunks.writeBytes(chunked.take());
            }
            String want = expected.toString(StandardCharsets.UTF_8);
            assertThat(streamed.toString(StandardCharsets.UTF_8)).isEqualTo(want);
            assertThat(fromChunks.toString(StandardCharsets.UTF_8)).isEqualTo(want);
        }
    }

    @Test
    void writesIdsAndNumbersAsText() {
        Feature f = new Feature("b1", GF.createMultiPolygon(new Polygon[] {GF.createPolygon(new Coordinate[] {
            new Coordinate(123.5, 41.25), new Coordinate(123.6, 41.25), new Coordinate(123.6, 41.3), new Coordinate(123.5, 41.25)})}),
                Map.of("floors", 12, "height_m", 36.6, "big", -9_000_000_000L), Instant.parse("2020-01-02T03:04:05Z"), null, 3);
        Xml x = Xml.chunked(16);
        GmlFeatureWriter.write(x, LAYER, f, true, true, false, new GmlGeometryWriter(x, true, "urn:ogc:def:crs:EPSG::4490", true));
        x.close();
        String text = new String(x.take(), StandardCharsets.UTF_8);
        assertThat(text).contains("<shikong:buildings gml:id=\"buildings.b1-v3\">",
                "<shikong:valid_from>2020-01-02T03:04:05Z</shikong:valid_from>", "<shikong:floors>12</shikong:floors>",
                "<shikong:height_m>36.6</shikong:height_m>", "<shikong:big>-9000000000</shikong:big>",
                "<gml:MultiSurface gml:id=\"buildings.b1-v3.g\" srsName=\"urn:ogc:def:crs:EPSG::4490\" srsDimension=\"2\">",
                "<gml:Polygon gml:id=\"buildings.b1-v3.g.1\">", "<gml:posList>41.25 123.5 41.25 123.6 41.3 123.6 41.25 123.5</gml:posList>");
    }

    /** The writer as it was before names were pre-encoded: every name, id and value through Xml's String calls. */
    private static final class Reference {

        static void write(Xml x, LayerDefinition l, Feature f, boolean versionId, boolean gml32, boolean standalone,
                          String srsName, boolean latFirst) {
            String id = l.name() + "." + f.id() + (versionId ? "-v" + f.version() : "");
            x.start("shikong:" + l.name());
            if (standalone) {
                x.ns("shikong", GmlFeatureWriter.NAMESPACE).ns("gml", gml32 ? "http://www.opengis.net/gml/3.2"
                        : "http://www.opengis.net/gml");
            }
            x.attr("gml:id", id);
            String description = standard(l.gml().description(), f);
            if (description != null) {
                x.element("gml:description", description);
            }
            String identifier = standard(l.gml().identifier(), f);
            if (identifier != null && gml32) {
                x.start("gml:identifier").attr("codeSpace", GmlFeatureWriter.NAMESPACE).text(identifier).end();
            }
            String name = standard(l.gml().name(), f);
            if (name != null) {
                x.element("gml:name", name);
            }
            if (l.validFromColumn() != null && f.validFrom() != null) {
                x.element("shikong:" + l.validFromColumn(), f.validFrom().toString());
            }
            if (l.validToColumn() != null && f.validTo() != null) {
                x.element("shikong:" + l.validToColumn(), f.validTo().toString());
            }
            for (AttributeDefinition a : l.attributes()) {
                Object v = f.properties().get(a.name());
                if (v != null) {
                    x.element("shikong:" + a.name(), v instanceof Double d ? DoubleText.toString(d) : String.valueOf(v));
                }
            }
            if (f.geometry() != null && !f.geometry().isEmpty()) {
                x.start("shikong:" + l.geometryColumn());
                geometry(x, f.geometry(), id + ".g", true, gml32, srsName, latFirst);
                x.end();
            }
            x.end();
        }

        private static String standard(String attribute, Feature f) {
            Object v = attribute == null ? null : f.properties().get(attribute);
            return v == null ? null : String.valueOf(v);
        }

        private static void geometry(Xml x, Geometry g, String id, boolean top, boolean gml32, String srs, boolean latFirst) {
            if (g instanceof Point p) {
                open(x, "gml:Point", id, top, gml32, srs);
                x.start("gml:pos");
                coords(x, p.getCoordinateSequence(), latFirst);
                x.end().end();
            } else if (g instanceof LineString l) {
                open(x, "gml:LineString", id, top, gml32, srs);
                x.start("gml:posList");
                coords(x, l.getCoordinateSequence(), latFirst);
                x.end().end();
            } else if (g instanceof Polygon p) {
                open(x, "gml:Polygon", id, top, gml32, srs);
                ring(x, "gml:exterior", p.getExteriorRing(), latFirst);
                for (int i = 0; i < p.getNumInteriorRing(); i++) {
                    ring(x, "gml:interior", p.getInteriorRingN(i), latFirst);
                }
                x.end();
            } else {
                String[] names = g instanceof MultiPoint ? new String[] {"gml:MultiPoint", "gml:pointMember"}
                        : g instanceof MultiLineString ? new String[] {"gml:MultiCurve", "gml:curveMember"}
                        : g instanceof MultiPolygon ? new String[] {"gml:MultiSurface", "gml:surfaceMember"}
                        : new String[] {"gml:MultiGeometry", "gml:geometryMember"};
                open(x, names[0], id, top, gml32, srs);
                for (int i = 0; i < g.getNumGeometries(); i++) {
                    x.start(names[1]);
                    geometry(x, g.getGeometryN(i), id + "." + (i + 1), false, gml32, srs, latFirst);
                    x.end();
                }
                x.end();
            }
        }

        private static void open(Xml x, String element, String id, boolean top, boolean gml32, String srs) {
            x.start(element);
            if (gml32) {
                x.attr("gml:id", id);
            }
            if (top) {
                x.attr("srsName", srs).attr("srsDimension", "2");
            }
        }

        private static void ring(Xml x, String element, LineString ring, boolean latFirst) {
            x.start(element).start("gml:LinearRing").start("gml:posList");
            coords(x, ring.getCoordinateSequence(), latFirst);
            x.end().end().end();
        }

        private static void coords(Xml x, CoordinateSequence s, boolean latFirst) {
            StringBuilder b = new StringBuilder();
            for (int i = 0; i < s.size(); i++) {
                if (i > 0) {
                    b.append(' ');
                }
                b.append(DoubleText.toString(latFirst ? s.getY(i) : s.getX(i))).append(' ')
                        .append(DoubleText.toString(latFirst ? s.getX(i) : s.getY(i)));
            }
            x.text(b.toString());
        }
    }
}
