package io.shikong.ows.wfs.describe;

import io.shikong.core.catalog.AttributeDefinition;
import io.shikong.core.catalog.LayerDefinition;
import io.shikong.ows.gml.GmlGeometryWriter;
import io.shikong.ows.wfs.WfsContext;
import io.shikong.ows.xml.Xml;
import java.io.OutputStream;
import java.util.List;

/**
 * DescribeFeatureType: one XML Schema for the requested types, GML 3.2 (WFS 2.0) or GML 3.1.1. Every
 * property is {@code minOccurs="0" nillable="true"} (GDAL drops a schema whose NULLs its types forbid),
 * dates are xsd:date/xsd:dateTime (not gml:TimeInstantType, which GDAL cannot read), and the element
 * order is the one GetFeature writes: attributes, geometry, valid time.
 */
public final class SchemaWriter {

    private SchemaWriter() {
    }

    public static void write(OutputStream out, List<LayerDefinition> layers, boolean gml32) {
        String gmlNs = gml32 ? "http://www.opengis.net/gml/3.2" : "http://www.opengis.net/gml";
        try (Xml x = new Xml(out)) {
            x.start("xsd:schema").ns("xsd", "http://www.w3.org/2001/XMLSchema").ns("gml", gmlNs)
                    .ns(WfsContext.PREFIX, WfsContext.NAMESPACE)
                    .attr("targetNamespace", WfsContext.NAMESPACE).attr("elementFormDefault", "qualified")
                    .attr("version", "1.0");
            x.start("xsd:import").attr("namespace", gmlNs).attr("schemaLocation", gml32
                    ? "http://schemas.opengis.net/gml/3.2.1/gml.xsd" : "http://schemas.opengis.net/gml/3.1.1/base/gml.xsd").end();
            for (LayerDefinition l : layers) {
                x.start("xsd:complexType").attr("name", l.name() + "Type");
                x.start("xsd:complexContent").start("xsd:extension").attr("base", "gml:AbstractFeatureType");
                x.start("xsd:sequence");
                // valid time first: kept by Shikong, it is read like any property but never written by clients
                if (l.validFromColumn() != null) {
                    property(x, l.validFromColumn(), "xsd:dateTime");
                }
                if (l.validToColumn() != null) {
                    property(x, l.validToColumn(), "xsd:dateTime");
                }
                for (AttributeDefinition a : l.attributes()) {
                    property(x, a.name(), "xsd:" + a.type().xsdType());
                }
                property(x, l.geometryColumn(), GmlGeometryWriter.propertyType(l.geometryType(), gml32));
                x.end().end().end().end();
                x.start("xsd:element").attr("name", l.name()).attr("type", WfsContext.PREFIX + ":" + l.name() + "Type")
                        .attr("substitutionGroup", gml32 ? "gml:AbstractFeature" : "gml:_Feature").end();
            }
            x.end();
        }
    }

    private static void property(Xml x, String name, String type) {
        x.start("xsd:element").attr("name", name).attr("type", type).attr("minOccurs", "0").attr("maxOccurs", "1")
                .attr("nillable", "true").end();
    }
}
