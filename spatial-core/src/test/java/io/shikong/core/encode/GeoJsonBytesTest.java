package io.shikong.core.encode;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.core.JsonEncoding;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import io.shikong.core.feature.Feature;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.locationtech.jts.geom.Coordinate;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.geom.GeometryFactory;
import org.locationtech.jts.geom.LinearRing;
import org.locationtech.jts.geom.Polygon;

/** The byte writer of GeoJSON features writes what Jackson writes through GeoJsonWriter, byte for byte. */
class GeoJsonBytesTest {

    private static final GeometryFactory GF = new GeometryFactory();
    private static final JsonFactory JSON = new JsonFactory();

    private static String jackson(Feature f, boolean temporal, Double distance) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (JsonGenerator g = JSON.createGenerator(out, JsonEncoding.UTF8)) {
            GeoJsonWriter.feature(g, f, temporal, distance);
        }
        return out.toString(StandardCharsets.UTF_8);
    }

    private static String bytes(Feature f, boolean temporal, Double distance) {
        GeoJsonBytes b = new GeoJsonBytes(16);
        b.feature(f, temporal, distance);
        return new String(b.take(), StandardCharsets.UTF_8);
    }

    /** A parsed JSON document as maps, lists, strings, numbers as text, booleans and null; fails on broken JSON. */
    private static Object parse(byte[] json) throws IOException {
        try (JsonParser p = JSON.createParser(json)) {
            p.nextToken();
            Object v = read(p);
            assertEquals(null, p.nextToken(), "nothing after the document");
            return v;
        }
    }

    private static Object parse(String json) throws IOException {
        return parse(json.getBytes(StandardCharsets.UTF_8));
    }

    private static Object read(JsonParser p) throws IOException {
        JsonToken t = p.currentToken();
        if (t == JsonToken.START_OBJECT) {
            Map<String, Object> m = new LinkedHashMap<>();
            while (p.nextToken() != JsonToken.END_OBJECT) {
                String k = p.currentName();
                p.nextToken();
                m.put(k, read(p));
            }
            return m;
        }
        if (t == JsonToken.START_ARRAY) {
            List<Object> l = new ArrayList<>();
            while (p.nextToken() != JsonToken.END_ARRAY) {
                l.add(read(p));
            }
            return l;
        }
        return t == JsonToken.VALUE_NULL ? null : t == JsonToken.VALUE_STRING ? p.getText() : t + ":" + p.getText();
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> map(Object o) {
        return (Map<String, Object>) o;
    }

    private static String text(SplittableRandom r) {
        int n = r.nextInt(12);
        StringBuilder s = new StringBuilder();
        for (int i = 0; i < n; i++) {
            switch (r.nextInt(8)) {
                case 0 -> s.append((char) r.nextInt(0x20)); // control characters
                case 1 -> s.append("\"\\/\u007f".charAt(r.nextInt(4)));
                case 2 -> s.append((char) (0x80 + r.nextInt(0x780))); // two UTF-8 bytes
                case 3 -> s.append("红线建筑管网\u00e9\uffee".charAt(r.nextInt(8)));
                case 4 -> s.appendCodePoint(0x10000 + r.nextInt(0x1000)); // a surrogate pair
                case 5 -> s.append((char) (0xD800 + r.nextInt(0x800))); // a lone surrogate
                default -> s.append((char) (0x20 + r.nextInt(0x5f)));
            }
        }
        return s.toString();
    }

    private static double coordinate(SplittableRandom r) {
        return switch (r.nextInt(10)) {
            case 0 -> r.nextDouble(-2e7, 2e7);
            case 1 -> Math.round(r.nextDouble(-180, 180) * 1e6) / 1e6;
            case 2 -> r.nextInt(100);
            case 3 -> r.nextDouble() * 1e-6;
            default -> r.nextDouble(-180, 180);
        };
    }

    private static Coordinate[] ring(SplittableRandom r, int n) {
        Coordinate[] c = new Coordinate[n + 1];
        for (int i = 0; i < n; i++) {
            c[i] = new Coordinate(coordinate(r), coordinate(r));
        }
        c[n] = c[0];
        return c;
    }

    private static Polygon polygon(SplittableRandom r) {
        LinearRing shell = GF.createLinearRing(ring(r, 3 + r.nextInt(6)));
        LinearRing[] holes = new LinearRing[r.nextInt(3)];
        for (int i = 0; i < holes.length; i++) {
            holes[i] = GF.createLinearRing(ring(r, 3));
        }
        return GF.createPolygon(shell, holes);
    }

    private static Geometry geometry(SplittableRandom r, int depth) {
        return switch (r.nextInt(depth > 1 ? 8 : 10)) {
            case 0 -> null;
            case 1 -> GF.createPoint(new Coordinate(coordinate(r), coordinate(r)));
            case 2 -> GF.createPoint();
            case 3 -> GF.createLineString(ring(r, 1 + r.nextInt(5)));
            case 4 -> polygon(r);
            case 5 -> GF.createMultiPolygon(new Polygon[] {polygon(r), polygon(r)});
            case 6 -> GF.createMultiLineString(new org.locationtech.jts.geom.LineString[] {
                GF.createLineString(ring(r, 2)), GF.createLineString(ring(r, 3))});
            case 7 -> GF.createMultiPointFromCoords(ring(r, 2));
            case 8 -> GF.createPolygon();
            default -> {
                Geometry inner = geometry(r, depth + 1);
                yield GF.createGeometryCollection(new Geometry[] {inner == null ? GF.createPoint() : inner, polygon(r)});
            }
        };
    }

    private static Object value(SplittableRandom r, int depth) {
        return switch (r.nextInt(depth > 0 ? 12 : 14)) {
            case 0 -> null;
            case 1 -> text(r);
            case 2 -> r.nextInt();
            case 3 -> r.nextLong();
            case 4 -> coordinate(r);
            case 5 -> new double[] {Double.NaN, Double.POSITIVE_INFINITY, -0.0, 1e-300, 1.5e300, Long.MIN_VALUE}[r.nextInt(6)];
            case 6 -> (float) r.nextDouble(-1000, 1000);
            case 7 -> r.nextBoolean();
            case 8 -> Instant.ofEpochSecond(r.nextLong(-70_000_000_000L, 260_000_000_000L), r.nextInt(3) == 0 ? 0
                    : r.nextInt(1_000_000_000));
            case 9 -> LocalDate.ofEpochDay(r.nextInt(-100_000, 100_000));
            case 10 -> new int[] {Integer.MIN_VALUE, 0, -1}[r.nextInt(3)];
            case 11 -> Long.MIN_VALUE;
            case 12 -> {
                Map<String, Object> m = new LinkedHashMap<>();
                m.put(text(r), value(r, depth + 1));
                m.put("n", value(r, depth + 1));
                yield m;
            }
            default -> java.util.Arrays.asList(value(r, depth + 1), 1, value(r, depth + 1));
        };
    }

    @Test
    void writesJacksonsBytesForRandomFeatures() throws IOException {
        SplittableRandom r = new SplittableRandom(20261130);
        for (int i = 0; i < 5000; i++) {
            Map<String, Object> properties = new LinkedHashMap<>();
            int n = r.nextInt(6);
            for (int k = 0; k < n; k++) {
                properties.put(r.nextInt(4) == 0 ? text(r) : "p" + k, value(r, 0));
            }
            Instant from = r.nextBoolean() ? null : Instant.ofEpochSecond(r.nextLong(0, 2_000_000_000L));
            Instant to = r.nextBoolean() ? null : Instant.ofEpochSecond(r.nextLong(0, 2_000_000_000L), r.nextInt(1000) * 1000);
            Feature f = new Feature(r.nextInt(5) == 0 ? text(r) : String.valueOf(r.nextInt()), geometry(r, 0), properties,
                    from, to, r.nextInt(1, 1000));
            boolean temporal = r.nextBoolean();
            Double distance = r.nextInt(3) == 0 ? r.nextDouble(0, 1e6) : null;
            assertEquals(jackson(f, temporal, distance), bytes(f, temporal, distance), "feature " + i + ": " + f);
        }
    }

    @Test
    void escapesAsJackson() throws IOException {
        String s = "a\"b\\c\n\t\r\b\f\u0001\u001f\u007f é 红 \ud83d\ude00 \ud800 /";
        Feature f = new Feature(s, null, Map.of("k\u0000", s), null, null, 1);
        String written = bytes(f, false, null);
        assertEquals(jackson(f, false, null), written);
        assertTrue(written.contains("\\u0001") && written.contains("\\n") && written.contains("\\uD83D\\uDE00"), written);
        assertEquals(s, map(map(parse(written)).get("properties")).get("k\u0000"));
    }

    @Test
    void collectionStreamIsValidJsonWithEveryFeatureAndItsTail() throws IOException {
        SplittableRandom r = new SplittableRandom(7);
        List<Feature> features = new ArrayList<>();
        for (int i = 0; i < 3000; i++) {
            features.add(new Feature("f" + i, polygon(r), Map.of("name", text(r), "height", r.nextDouble(0, 100)),
                    Instant.ofEpochSecond(1_600_000_000L + i), null, 1));
        }
        Iterator<Feature> it = features.iterator();
        FeatureCollectionStream stream = new FeatureCollectionStream(it, null, 2000, true, null,
                more -> List.of(new Link("http://x/next", "next", null, null)));
        int chunks = 0;
        ByteArrayOutputStream all = new ByteArrayOutputStream();
        for (byte[] b = stream.next(); b != null; b = stream.next()) {
            all.writeBytes(b);
            chunks++;
        }
        assertTrue(chunks > 2, "chunks: " + chunks);
        Map<String, Object> doc = map(parse(all.toByteArray()));
        assertEquals("FeatureCollection", doc.get("type"));
        List<?> written = (List<?>) doc.get("features");
        assertEquals(2000, written.size());
        assertEquals("VALUE_NUMBER_INT:2000", doc.get("numberReturned"));
        assertEquals("next", map(((List<?>) doc.get("links")).get(0)).get("rel"));
        assertEquals("2020-09-13T12:26:40Z", map(map(written.get(0)).get("properties")).get("valid_from"));
        for (int i = 0; i < 2000; i++) {
            assertEquals(parse(jackson(features.get(i), true, null)), written.get(i), "feature " + i);
        }
        assertTrue(doc.containsKey("timeStamp"));
    }

    @Test
    void emptyCollection() throws IOException {
        FeatureCollectionStream stream = new FeatureCollectionStream(List.<Feature>of().iterator(), null, null, false,
                null, more -> List.of());
        Map<String, Object> doc = map(parse(stream.readAll()));
        assertEquals(List.of(), doc.get("features"));
        assertEquals("VALUE_NUMBER_INT:0", doc.get("numberReturned"));
        assertEquals(List.of(), doc.get("links"));
    }

    @Test
    void instantsAsInstantToString() {
        SplittableRandom r = new SplittableRandom(3);
        for (int i = 0; i < 100_000; i++) {
            long s = switch (r.nextInt(4)) {
                case 0 -> r.nextLong(-62167219200L - 1000, -62167219200L + 1000);
                case 1 -> r.nextLong(253402300800L - 1000, 253402300800L + 1000);
                case 2 -> r.nextLong(-100_000_000_000L, 300_000_000_000L);
                default -> r.nextLong(0, 4_000_000_000L);
            };
            int nano = switch (r.nextInt(4)) {
                case 0 -> 0;
                case 1 -> r.nextInt(1000) * 1_000_000;
                case 2 -> r.nextInt(1_000_000) * 1000;
                default -> r.nextInt(1_000_000_000);
            };
            Instant t = Instant.ofEpochSecond(s, nano);
            assertEquals(t.toString(), InstantText.toString(t));
        }
        assertEquals(Instant.MAX.toString(), InstantText.toString(Instant.MAX));
        assertEquals(Instant.MIN.toString(), InstantText.toString(Instant.MIN));
        assertEquals(Instant.EPOCH.toString(), InstantText.toString(Instant.EPOCH));
    }
}
