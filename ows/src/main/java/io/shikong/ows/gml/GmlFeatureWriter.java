package io.shikong.ows.gml;

import io.shikong.core.catalog.AttributeDefinition;
import io.shikong.core.catalog.LayerDefinition;
import io.shikong.core.encode.DoubleText;
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

    private GmlFeatureWriter() {
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
        String id = l.name() + "." + f.id() + (versionId ? "-v" + f.version() : "");
        x.start(qname(l.name()));
        if (standalone) {
            x.ns(PREFIX, NAMESPACE).ns("gml", gml32 ? "http://www.opengis.net/gml/3.2" : "http://www.opengis.net/gml");
        }
        x.attr("gml:id", id);
        // GML's standard properties first, in the order gml:AbstractGMLType has them
        String description = standard(l.gml().description(), f);
        if (description != null) {
            x.element("gml:description", description);
        }
        String identifier = standard(l.gml().identifier(), f);
        if (identifier != null && gml32) {
            x.start("gml:identifier").attr("codeSpace", NAMESPACE).text(identifier).end();
        }
        String name = standard(l.gml().name(), f);
        if (name != null) {
            x.element("gml:name", name);
        }
        // valid time before the attributes, as DescribeFeatureType declares it
        if (l.validFromColumn() != null && f.validFrom() != null) {
            x.element(qname(l.validFromColumn()), f.validFrom().toString());
        }
        if (l.validToColumn() != null && f.validTo() != null) {
            x.element(qname(l.validToColumn()), f.validTo().toString());
        }
        java.util.Map<String, Object> properties = f.properties();
        for (AttributeDefinition a : l.attributes()) {
            Object v = properties.get(a.name());
            if (v != null) {
                x.element(qname(a.name()), text(v));
            }
        }
        if (f.geometry() != null && !f.geometry().isEmpty()) {
            x.start(qname(l.geometryColumn()));
            geometry.write(f.geometry(), id + ".g");
            x.end();
        }
        x.end();
    }

    /** The value of the attribute standing for a GML standard property, when mapped and present. */
    private static String standard(String attribute, Feature f) {
        if (attribute == null) {
            return null;
        }
        Object v = f.properties().get(attribute);
        return v == null ? null : String.valueOf(v);
    }
}
