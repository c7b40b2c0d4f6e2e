package io.shikong.core.encode;

import io.shikong.core.feature.Feature;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.HashMap;
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
 * GeoJSON features written as UTF-8 bytes straight into a growing buffer of its own: the same bytes as
 * {@link GeoJsonWriter#feature} writes through Jackson (checked by its test on random features), without a
 * generator's per-call bookkeeping, with the property names encoded once per stream and coordinates and instants
 * formatted in place ({@link DoubleText}, {@link InstantText}). Strings are escaped as Jackson escapes them:
 * {@code " \} and the control characters ({@code \b \t \n \f \r}, others {@code &#92;u00XX}), and every UTF-16
 * surrogate as {@code &#92;uXXXX}. Not thread-safe: one per stream.
 */
public final class GeoJsonBytes {

    private static final byte[] HEX = "0123456789ABCDEF".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] FEATURE_ID = bytes("{\"type\":\"Feature\",\"id\":");
    private static final byte[] GEOMETRY = bytes(",\"geometry\":");
    private static final byte[] PROPERTIES = bytes(",\"properties\":{");
    private static final byte[] VALID_FROM = bytes("\"valid_from\":");
    private static final byte[] VALID_TO = bytes("\"valid_to\":");
    private static final byte[] VERSION = bytes("},\"version\":");
    private static final byte[] DISTANCE = bytes(",\"distance\":");
    private static final byte[] NULL = bytes("null");
    private static final byte[] TYPE = bytes("{\"type\":\"");
    private static final byte[] COORDINATES = bytes("\",\"coordinates\":");
    private static final byte[] GEOMETRIES = bytes("\",\"geometries\":[");
    private static final byte[] TRUE = bytes("true");
    private static final byte[] FALSE = bytes("false");
    private static final String[] TYPES = {"Point", "LineString", "LinearRing", "Polygon", "MultiPoint", "MultiLineString",
        "MultiPolygon", "GeometryCollection"};
    private static final byte[][] TYPE_BYTES = Arrays.stream(TYPES).map(GeoJsonBytes::bytes).toArray(byte[][]::new);

    private byte[] buf;
    private int pos;
    /** {@code "name":} of each property name met. */
    private final Map<String, byte[]> keys = new HashMap<>();

    public GeoJsonBytes(int capacity) {
        buf = new byte[Math.max(capacity, 256)];
    }

    /** Bytes written since the last {@link #take()}. */
    public int size() {
        return pos;
    }

    /** A copy of what is written, and the buffer emptied. */
    public byte[] take() {
        byte[] out = Arrays.copyOf(buf, pos);
        pos = 0;
        return out;
    }

    /** Appends bytes as they are (JSON the caller wrote). */
    public void raw(byte[] b, int off, int len) {
        ensure(len);
        System.arraycopy(b, off, buf, pos, len);
        pos += len;
    }

    /** Appends one ASCII character ({@code ,} {@code ]}...). */
    public void raw(char c) {
        ensure(1);
        buf[pos++] = (byte) c;
    }

    /**
     * One feature, as {@link GeoJsonWriter#feature}: {@code id}, {@code geometry}, {@code properties} (with valid
     * time when {@code temporal}), {@code version} and, when not {@code null}, {@code distance}.
     */
    public void feature(Feature f, boolean temporal, Double distance) {
        raw(FEATURE_ID);
        string(f.id());
        raw(GEOMETRY);
        geometry(f.geometry());
        raw(PROPERTIES);
        property = 0;
        f.properties().forEach(writeProperty); // no entry wrapper per property, as entrySet() of an unmodifiable map has
        boolean first = property == 0;
        if (temporal) {
            if (!first) {
                raw(',');
            }
            raw(VALID_FROM);
            value(f.validFrom());
            raw(',');
            raw(VALID_TO);
            value(f.validTo());
        }
        raw(VERSION);
        integer(f.version());
        if (distance != null) {
            raw(DISTANCE);
            plainDouble(Math.round(distance * 1000) / 1000.0);
        }
        raw('}');
    }

    /** A value as {@link GeoJsonWriter#value} writes it. */
    public void value(Object v) {
        if (v == null) {
            raw(NULL);
        } else if (v instanceof String s) {
            string(s);
        } else if (v instanceof Double d) {
            if (Double.isFinite(d)) {
                ensure(DoubleText.MAX_LENGTH);
                pos = DoubleText.write(d, buf, pos);
            } else {
                raw(NULL);
            }
        } else if (v instanceof Integer i) {
            integer(i);
        } else if (v instanceof Long l) {
            integer(l);
        } else if (v instanceof Instant t) {
            ensure(InstantText.MAX_LENGTH + 2);
            buf[pos++] = '"';
            pos = InstantText.write(t, buf, pos);
            buf[pos++] = '"';
        } else if (v instanceof Boolean b) {
            raw(b ? TRUE : FALSE);
        } else if (v instanceof Float f) {
            value(f.doubleValue());
        } else if (v instanceof Map<?, ?> m) {
            raw('{');
            boolean first = true;
            for (Map.Entry<?, ?> e : m.entrySet()) {
                if (!first) {
                    raw(',');
                }
                first = false;
                string(String.valueOf(e.getKey()));
                raw(':');
                value(e.getValue());
            }
            raw('}');
        } else if (v instanceof List<?> list) {
            raw('[');
            for (int i = 0; i < list.size(); i++) {
                if (i > 0) {
                    raw(',');
                }
                value(list.get(i));
            }
            raw(']');
        } else if (v instanceof LocalDate) {
            string(v.toString());
        } else {
            string(v.toString());
        }
    }

    /** A geometry as {@link GeoJsonWriter#geometry} writes it, or {@code null}. */
    public void geometry(Geometry g) {
        if (g == null) {
            raw(NULL);
            return;
        }
        raw(TYPE);
        raw(type(g.getGeometryType()));
        if (g instanceof GeometryCollection gc && !(g instanceof MultiPoint || g instanceof MultiLineString
                || g instanceof MultiPolygon)) {
            raw(GEOMETRIES);
            for (int i = 0; i < gc.getNumGeometries(); i++) {
                if (i > 0) {
                    raw(',');
                }
                geometry(gc.getGeometryN(i));
            }
            raw(']');
            raw('}');
            return;
        }
        raw(COORDINATES);
        coordinates(g);
        raw('}');
    }

    private static byte[] type(String name) {
        for (int i = 0; i < TYPES.length; i++) {
            if (TYPES[i] == name || TYPES[i].equals(name)) {
                return TYPE_BYTES[i];
            }
        }
        return bytes(name);
    }

    private void coordinates(Geometry g) {
        if (g instanceof Point p) {
            if (p.isEmpty()) {
                raw('[');
                raw(']');
            } else {
                ensure(2 * DoubleText.MAX_LENGTH + 8);
                position(p.getCoordinateSequence(), 0);
            }
        } else if (g instanceof LineString l) {
            sequence(l.getCoordinateSequence());
        } else if (g instanceof Polygon p) {
            raw('[');
            if (!p.isEmpty()) {
                sequence(p.getExteriorRing().getCoordinateSequence());
                for (int i = 0; i < p.getNumInteriorRing(); i++) {
                    raw(',');
                    sequence(p.getInteriorRingN(i).getCoordinateSequence());
                }
            }
            raw(']');
        } else {
            raw('[');
            for (int i = 0; i < g.getNumGeometries(); i++) {
                if (i > 0) {
                    raw(',');
                }
                coordinates(g.getGeometryN(i));
            }
            raw(']');
        }
    }

    private void sequence(CoordinateSequence s) {
        int n = s.size();
        ensure(n * (2 * DoubleText.MAX_LENGTH + 4) + 2);
        buf[pos++] = '[';
        for (int i = 0; i < n; i++) {
            if (i > 0) {
                buf[pos++] = ',';
            }
            position(s, i);
        }
        buf[pos++] = ']';
    }

    /** [x,y] at pos; room ensured by the caller. */
    private void position(CoordinateSequence s, int i) {
        buf[pos++] = '[';
        number(s.getX(i));
        buf[pos++] = ',';
        number(s.getY(i));
        buf[pos++] = ']';
    }

    private void number(double v) {
        if (Double.isFinite(v)) {
            pos = DoubleText.write(v, buf, pos);
        } else {
            // as Jackson writes a non-finite number (quoted); room: "-Infinity" fits in MAX_LENGTH
            String s = Double.toString(v);
            buf[pos++] = '"';
            for (int i = 0; i < s.length(); i++) {
                buf[pos++] = (byte) s.charAt(i);
            }
            buf[pos++] = '"';
        }
    }

    /** A double as Jackson's writeNumber(double) writes it: Double.toString, non-finite ones quoted. */
    private void plainDouble(double v) {
        String s = Double.toString(v);
        if (Double.isFinite(v)) {
            raw(bytes(s));
        } else {
            raw('"');
            raw(bytes(s));
            raw('"');
        }
    }

    private void integer(long v) {
        ensure(20);
        if (v == Long.MIN_VALUE) {
            raw(bytes(Long.toString(v)));
            return;
        }
        if (v < 0) {
            buf[pos++] = '-';
            v = -v;
        }
        int n = 1;
        for (long t = v; t >= 10; t /= 10) {
            n++;
        }
        for (int i = pos + n - 1; i >= pos; i--) {
            buf[i] = (byte) ('0' + v % 10);
            v /= 10;
        }
        pos += n;
    }

    /** Properties written of the current feature. */
    private int property;
    /** The names met at each position and their bytes: a feature's names are those of the one before, in order. */
    private String[] lastNames = new String[16];
    private byte[][] lastKeys = new byte[16][];
    private final java.util.function.BiConsumer<String, Object> writeProperty = (name, value) -> {
        if (property > 0) {
            raw(',');
        }
        raw(key(property, name));
        value(value);
        property++;
    };

    private byte[] key(int at, String name) {
        if (at < lastNames.length && lastNames[at] == name) {
            return lastKeys[at];
        }
        byte[] k = key(name);
        if (at >= lastNames.length) {
            lastNames = Arrays.copyOf(lastNames, at * 2);
            lastKeys = Arrays.copyOf(lastKeys, at * 2);
        }
        lastNames[at] = name;
        lastKeys[at] = k;
        return k;
    }

    private byte[] key(String name) {
        byte[] k = keys.get(name);
        if (k == null) {
            int start = pos;
            string(name);
            raw(':');
            k = Arrays.copyOfRange(buf, start, pos);
            pos = start;
            keys.put(name, k);
        }
        return k;
    }

    /** A JSON string: quoted, escaped as Jackson escapes, UTF-8. */
    public void string(String s) {
        int n = s.length();
        ensure(n + 2);
        byte[] b = buf;
        int p = pos;
        b[p++] = '"';
        int i = 0;
        // the common case: ASCII that needs no escape
        for (; i < n; i++) {
            char c = s.charAt(i);
            if (c < 0x20 || c >= 0x7F || c == '"' || c == '\\') {
                break;
            }
            b[p++] = (byte) c;
        }
        pos = p;
        if (i < n) {
            slowString(s, i);
        }
        ensure(1);
        buf[pos++] = '"';
    }

    private void slowString(String s, int i) {
        int n = s.length();
        for (; i < n; i++) {
            char c = s.charAt(i);
            ensure(6);
            byte[] b = buf;
            if (c < 0x80) {
                if (c >= 0x20 && c != '"' && c != '\\') {
                    b[pos++] = (byte) c;
                } else {
                    b[pos++] = '\\';
                    switch (c) {
                        case '"' -> b[pos++] = '"';
                        case '\\' -> b[pos++] = '\\';
                        case '\b' -> b[pos++] = 'b';
                        case '\t' -> b[pos++] = 't';
                        case '\n' -> b[pos++] = 'n';
                        case '\f' -> b[pos++] = 'f';
                        case '\r' -> b[pos++] = 'r';
                        default -> unicode(c);
                    }
                }
            } else if (c < 0x800) {
                b[pos++] = (byte) (0xC0 | (c >> 6));
                b[pos++] = (byte) (0x80 | (c & 0x3F));
            } else if (Character.isSurrogate(c)) {
                b[pos++] = '\\';
                unicode(c);
            } else {
                b[pos++] = (byte) (0xE0 | (c >> 12));
                b[pos++] = (byte) (0x80 | ((c >> 6) & 0x3F));
                b[pos++] = (byte) (0x80 | (c & 0x3F));
            }
        }
    }

    /** u and four hex digits (the backslash is written). */
    private void unicode(char c) {
        buf[pos++] = 'u';
        buf[pos++] = HEX[(c >> 12) & 0xF];
        buf[pos++] = HEX[(c >> 8) & 0xF];
        buf[pos++] = HEX[(c >> 4) & 0xF];
        buf[pos++] = HEX[c & 0xF];
    }

    private void raw(byte[] b) {
        ensure(b.length);
        System.arraycopy(b, 0, buf, pos, b.length);
        pos += b.length;
    }

    private void ensure(int n) {
        if (pos + n > buf.length) {
            buf = Arrays.copyOf(buf, Math.max(pos + n, buf.length * 2));
        }
    }

    private static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }
}
