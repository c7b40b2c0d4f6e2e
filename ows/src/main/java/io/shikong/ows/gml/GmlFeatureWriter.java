package io.shikong.ows.gml;

import io.shikong.core.catalog.AttributeDefinition;
import io.shikong.core.catalog.LayerDefinition;
import io.shikong.core.encode.DoubleText;
import io.shikong.core.encode.InstantText;
import io.shikong.core.feature.Feature;
import io.shikong.ows.xml.Xml;

/**
 * Features as GML 3.2 or 3.1.1 elements of Shikong's application schema (namespace {@link #NAMESPACE},
 * one element per layer, as DescribeFeatureType declares it): the one GML feature writer of WFS
 * GetFeature and WMS GetFeatureInfo.
 */
public final class GmlFeatureWriter {

    /** The prefix and namespace of the feature types. */
    public static final String PREFIX = "shikong";
    public static final String NAMESPACE = "https://shikong.io/features";

    /** {@code shikong:name} of each property name met, so that no feature builds them again. */
    private static final java.util.concurrent.ConcurrentHashMap<String, String> QNAMES =
            new java.util.concurrent.ConcurrentHashMap<>();

    /** {@code shikong:name} encoded, per name met. */
    private static final java.util.concurrent.ConcurrentHashMap<String, Xml.Name> NAMES =
            new java.util.concurrent.ConcurrentHashMap<>();
    /** {@code layer.}, per layer met: the start of its features' gml:ids. */
    private static final java.util.concurrent.ConcurrentHashMap<String, String> ID_PREFIXES =
            new java.util.concurrent.ConcurrentHashMap<>();
    private static final Xml.Name DESCRIPTION = Xml.Name.of("gml:description");
    private static final Xml.Name IDENTIFIER = Xml.Name.of("gml:identifier");
    private static final Xml.Name NAME = Xml.Name.of("gml:name");

    private GmlFeatureWriter() {
    }

    /** {@code shikong:name}, encoded once. */
    static Xml.Name name(String name) {
        Xml.Name n = NAMES.get(name);
        if (n == null) {
            n = NAMES.computeIfAbsent(name, k -> Xml.Name.of(qname(k)));
        }
        return n;
    }

    /** {@code shikong:name}. */
    static String qname(String name) {
        String q = QNAMES.get(name);
        if (q == null) {
            q = QNAMES.computeIfAbsent(name, n -> PREFIX + ":" + n);
        }
        return q;
    }

    /** A property value as the schema's text: doubles as the shortest decimal that reads back the same. */
    static String text(Object v) {
        if (v instanceof String s) {
            return s;
        }
        if (v instanceof Double d) {
            return DoubleText.toString(d);
        }
        return String.valueOf(v);
    }

    /** As {@link #write(Xml, LayerDefinition, Feature, boolean, boolean, boolean, GmlGeometryWriter)}, geometry in {@code srs}. */
    public static void write(Xml x, LayerDefinition l, Feature f, io.shikong.ows.SrsName srs, boolean versionId,
                             boolean gml32, boolean standalone) {
        write(x, l, f, versionId, gml32, standalone, new GmlGeometryWriter(x, gml32, srs.name(), srs.latFirst()));
    }

    /**
     * Writes one feature element of the layer's application schema: gml:id ({@code layer.id}, or
     * {@code layer.id-vN} when {@code versionId}), the GML standard properties the catalog maps, valid
     * time, the attributes present, the geometry.
     *
     * @param standalone declares the namespaces on the element (a feature as the document root, GetFeatureById)
     */
    public static void write(Xml x, LayerDefinition l, Feature f, boolean versionId, boolean gml32, boolean standalone,
                             GmlGeometryWriter geometry) {
        String prefix = ID_PREFIXES.get(l.name());
        if (prefix == null) {
            prefix = ID_PREFIXES.computeIfAbsent(l.name(), n -> n + ".");
        }
        String id = prefix + f.id() + (versionId ? "-v" + f.version() : "");
        x.start(name(l.name()));
        if (standalone) {
            x.ns(PREFIX, NAMESPACE).ns("gml", gml32 ? "http://www.opengis.net/gml/3.2" : "http://www.opengis.net/gml");
        }
        x.attr("gml:id", id);
        java.util.Map<String, Object> properties = f.properties();
        // GML's standard properties first, in the order gml:AbstractGMLType has them
        String description = standard(l.gml().description(), properties);
        if (description != null) {
            x.element(DESCRIPTION, description);
        }
        String identifier = standard(l.gml().identifier(), properties);
        if (identifier != null && gml32) {
            x.start(IDENTIFIER).attr("codeSpace", NAMESPACE).text(identifier).end();
        }
        String gmlName = standard(l.gml().name(), properties);
        if (gmlName != null) {
            x.element(NAME, gmlName);
        }
        // valid time before the attributes, as DescribeFeatureType declares it
        if (l.validFromColumn() != null && f.validFrom() != null) {
            instant(x, name(l.validFromColumn()), f.validFrom());
        }
        if (l.validToColumn() != null && f.validTo() != null) {
            instant(x, name(l.validToColumn()), f.validTo());
        }
        for (AttributeDefinition a : l.attributes()) {
            Object v = properties.get(a.name());
            if (v != null) {
                value(x, name(a.name()), v);
            }
        }
        if (f.geometry() != null && !f.geometry().isEmpty()) {
            x.start(name(l.geometryColumn()));
            geometry.write(f.geometry(), id, ".g");
            x.end();
        }
        x.end();
    }

    /** {@code <name>value</name>}: numbers and instants written in place, the rest as {@link #text(Object)}. */
    private static void value(Xml x, Xml.Name name, Object v) {
        if (v instanceof String s) {
            x.element(name, s);
        } else if (v instanceof Double d) {
            x.start(name);
            byte[] b = x.room(DoubleText.MAX_LENGTH);
            x.position(DoubleText.write(d, b, x.position()));
            x.end();
        } else if (v instanceof Integer || v instanceof Long) {
            x.start(name);
            long n = ((Number) v).longValue();
            byte[] b = x.room(20);
            int pos = x.position();
            if (n < 0 && n != Long.MIN_VALUE) {
                b[pos++] = '-';
                n = -n;
            }
            if (n < 0) { // Long.MIN_VALUE
                String t = Long.toString(n);
                for (int i = 0; i < t.length(); i++) {
                    b[pos++] = (byte) t.charAt(i);
                }
            } else {
                int digits = 1;
                for (long t = n; t >= 10; t /= 10) {
                    digits++;
                }
                for (int i = pos + digits - 1; i >= pos; i--) {
                    b[i] = (byte) ('0' + n % 10);
                    n /= 10;
                }
                pos += digits;
            }
            x.position(pos);
            x.end();
        } else if (v instanceof java.time.Instant t) {
            instant(x, name, t);
        } else {
            x.element(name, text(v));
        }
    }

    private static void instant(Xml x, Xml.Name name, java.time.Instant t) {
        x.start(name);
        byte[] b = x.room(InstantText.MAX_LENGTH);
        x.position(InstantText.write(t, b, x.position()));
        x.end();
    }

    /** The value of the attribute standing for a GML standard property, when mapped and present. */
    private static String standard(String attribute, java.util.Map<String, Object> properties) {
        if (attribute == null) {
            return null;
        }
        Object v = properties.get(attribute);
        return v == null ? null : String.valueOf(v);
    }
}
