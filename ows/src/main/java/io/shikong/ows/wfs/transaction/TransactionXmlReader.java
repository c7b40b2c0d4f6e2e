package io.shikong.ows.wfs.transaction;

import static io.shikong.ows.gml.GmlGeometryReader.child;
import static io.shikong.ows.gml.GmlGeometryReader.elements;

import io.shikong.core.catalog.LayerDefinition;
import io.shikong.core.crs.Crs;
import io.shikong.core.error.InvalidParameterException;
import io.shikong.core.error.OgcCode;
import io.shikong.core.error.ShikongException;
import io.shikong.core.feature.Feature;
import io.shikong.ows.SrsName;
import io.shikong.ows.fes.FilterXmlParser;
import io.shikong.ows.gml.GmlGeometryReader;
import io.shikong.ows.wfs.WfsContext;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.geotools.api.filter.Filter;
import org.locationtech.jts.geom.Geometry;
import org.w3c.dom.Element;

/**
 * Reads a Transaction document: WFS 2.0 ({@code wfs/2.0}, Insert/Update/Replace/Delete with
 * fes:Filter and wfs:ValueReference) and WFS 1.1 ({@code wfs}, Insert/Update/Delete with ogc:Filter and
 * wfs:Name), which QGIS sends even on a 2.0 connection. New features get generated ids unless the
 * 2.0 Insert says {@code idgen="UseExisting"}.
 */
public final class TransactionXmlReader {

    private final WfsContext ctx;
    private boolean xy;

    public TransactionXmlReader(WfsContext ctx) {
        this.ctx = ctx;
    }

    public TransactionRequest read(Element root) {
        boolean v2 = "http://www.opengis.net/wfs/2.0".equals(root.getNamespaceURI());
        // QGIS before 3.34 sends WFS 1.0.0 transactions on 2.0 connections: GML 2, coordinates x/y
        // whatever the srsName says
        this.xy = !v2 && "1.0.0".equals(root.getAttribute("version"));
        List<TransactionRequest.Action> actions = new ArrayList<>();
        List<Element> children = elements(root);
        int max = ctx.settings().maxActions();
        // before any action is read: each filter is resolved by a read of the store
        long count = children.stream().filter(a -> !a.getLocalName().equals("LockId")).count();
        if (count > max) {
            throw new InvalidParameterException("Transaction", count + " actions in one transaction; at most " + max
                    + " are accepted (shikong.wfs.max-actions)");
        }
        // and the caller may write every layer an action names, before any geometry or filter is read
        for (Element a : children) {
            LayerDefinition l = switch (a.getLocalName()) {
                case "Update", "Delete" -> a.getAttribute("typeName").isBlank() && a.getAttribute("typeNames").isBlank()
                        ? null : layer(a);
                case "Insert" -> featureElements(a).stream().findFirst().map(this::insertedType).orElse(null);
                case "Replace" -> elements(a).stream().filter(c -> !c.getLocalName().equals("Filter")).findFirst()
                        .map(c -> ctx.layer(c.getLocalName(), "typeName")).orElse(null);
                default -> null;
            };
            if (l != null) {
                TransactionHandler.requireWritable(ctx, l);
            }
        }
        for (Element a : children) {
            switch (a.getLocalName()) {
                case "Insert" -> actions.add(insert(a));
                case "Update" -> {
                    LayerDefinition l = layer(a);
                    Map<String, Object> values = new LinkedHashMap<>();
                    for (Element p : elements(a)) {
                        if (!p.getLocalName().equals("Property")) {
                            continue;
                        }
                        Element name = child(p, "ValueReference") != null ? child(p, "ValueReference") : child(p, "Name");
                        if (name == null) {
                            throw new InvalidParameterException("Update", "wfs:Property without a name");
                        }
                        String property = updatedProperty(l, name);
                        Element value = child(p, "Value");
                        values.put(property, value(l, property, value, srs(a, l)));
                    }
                    actions.add(new TransactionRequest.Update(l, values, filter(a, l)));
                }
                case "Replace" -> {
                    Element featureElement = null;
                    for (Element c : elements(a)) {
                        if (!c.getLocalName().equals("Filter")) {
                            featureElement = c;
                        }
                    }
                    if (featureElement == null) {
                        throw new InvalidParameterException("Replace", "wfs:Replace without a feature");
                    }
                    // a 2.0 Replace names its type by the feature element, not by an attribute
                    LayerDefinition l = ctx.layer(featureElement.getLocalName(), "typeName");
                    actions.add(new TransactionRequest.Replace(l, feature(featureElement, l, srs(a, l), "replaced"), filter(a, l)));
                }
                case "Delete" -> {
                    LayerDefinition l = layer(a);
                    actions.add(new TransactionRequest.Delete(l, filter(a, l)));
                }
                case "LockId" -> { } // WFS 1.1/1.0: the lock the transaction works under (TransactionLock)
                case "Native" -> throw new ShikongException(OgcCode.OPERATION_NOT_SUPPORTED,
                        "Native", "wfs:Native is not supported");
                default -> throw new InvalidParameterException("Transaction", "unknown action " + a.getLocalName());
            }
        }
        // no actions is valid: such a transaction only releases its lock (lockId, releaseAction)
        return new TransactionRequest(v2, actions, xy);
    }

    private TransactionRequest.Insert insert(Element a) {
        boolean useExisting = "UseExisting".equals(a.getAttribute("idgen"));
        List<Feature> features = new ArrayList<>();
        LayerDefinition layer = null;
        for (Element f : featureElements(a)) {
            LayerDefinition l = insertedType(f);
            if (layer != null && !layer.equals(l)) {
                throw new InvalidParameterException("Insert", "one wfs:Insert holds features of one type");
            }
            layer = l;
            features.add(feature(f, l, srs(a, l), useExisting ? null : "generate"));
        }
        if (layer == null) {
            throw new InvalidParameterException("Insert", "wfs:Insert without features");
        }
        return new TransactionRequest.Insert(layer, features, a.getAttribute("handle"));
    }

    /** Features inside an Insert, also inside a wfs:FeatureCollection / gml:featureMember wrapper. */
    private static List<Element> featureElements(Element parent) {
        List<Element> out = new ArrayList<>();
        for (Element c : elements(parent)) {
            String n = c.getLocalName();
            if (n.equals("FeatureCollection") || n.equals("featureMember") || n.equals("featureMembers") || n.equals("member")) {
                out.addAll(featureElements(c));
            } else {
                out.add(c);
            }
        }
        return out;
    }

    private Feature feature(Element f, LayerDefinition l, SrsName srs, String idMode) {
        Map<String, Object> values = new LinkedHashMap<>();
        Map<String, Object> gmlValues = new LinkedHashMap<>();
        Geometry geometry = null;
        for (Element p : elements(f)) {
            String ns = p.getNamespaceURI();
            if (ns != null && ns.startsWith("http://www.opengis.net/gml")) {
                // gml:name, gml:description, gml:identifier go to the attributes the catalog maps them to
                // (the first gml:name when several); gml:boundedBy is derived, others are not kept
                String attribute = l.gml().attributeFor(p.getLocalName());
                if (attribute != null && !gmlValues.containsKey(attribute)) {
                    gmlValues.put(attribute, value(l, attribute, p, srs));
                }
                continue;
            }
            String name = p.getLocalName();
            if (name.equals(l.geometryColumn())) {
                geometry = (Geometry) value(l, name, p, srs);
            } else if (!name.equals(l.validFromColumn()) && !name.equals(l.validToColumn()) && !name.equals(l.idAttribute())) {
                values.put(name, value(l, name, p, srs));
            }
        }
        // a GML standard property wins over the attribute it stands for when a client sends both
        values.putAll(gmlValues);
        String id;
        if ("generate".equals(idMode)) {
            id = UUID.randomUUID().toString();
        } else {
            String gmlId = f.getAttributeNS("http://www.opengis.net/gml/3.2", "id");
            if (gmlId.isEmpty()) {
                gmlId = f.getAttributeNS("http://www.opengis.net/gml", "id");
            }
            if (gmlId.isEmpty()) {
                gmlId = f.getAttribute("fid");
            }
            id = gmlId.isEmpty() ? UUID.randomUUID().toString() : FilterXmlParser.featureId(l, gmlId);
        }
        return Feature.of(id, geometry, values);
    }

    private Object value(LayerDefinition l, String property, Element value, SrsName srs) {
        if (value == null) {
            return null;
        }
        if (property.equals(l.geometryColumn())) {
            List<Element> geometries = elements(value);
            if (geometries.isEmpty()) {
                return null;
            }
            GmlGeometryReader.Read read = new GmlGeometryReader(ctx.crsService(), srs, property, xy).read(geometries.get(0));
            Crs storage = ctx.crsService().resolve("EPSG:" + l.srid());
            Geometry g = read.srs().crs().equals(storage) ? read.geometry()
                    : ctx.crsService().transform(read.geometry(), read.srs().crs(), storage);
            g.setSRID(l.srid());
            return g;
        }
        if (!elements(value).isEmpty()) {
            throw new InvalidParameterException(property, "property '" + property + "' takes a simple value");
        }
        String text = value.getTextContent();
        boolean nil = "true".equals(value.getAttributeNS("http://www.w3.org/2001/XMLSchema-instance", "nil"));
        return nil || text.isEmpty() ? null : text.trim();
    }

    private LayerDefinition layer(Element action) {
        String t = action.hasAttribute("typeName") ? action.getAttribute("typeName") : action.getAttribute("typeNames");
        if (t.isBlank()) {
            throw new InvalidParameterException("typeName", "wfs:" + action.getLocalName() + " without typeName");
        }
        return ctx.layer(t, "typeName");
    }

    private SrsName srs(Element action, LayerDefinition l) {
        // a blank srsName says nothing (parsing it gave a SrsName without a CRS)
        String name = action.getAttribute("srsName");
        return !name.isBlank() ? SrsName.parse(ctx.crsService(), name, "srsName")
                : SrsName.urn(ctx.crsService().resolve("EPSG:" + l.srid()));
    }

    private Filter filter(Element action, LayerDefinition l) {
        Element f = child(action, "Filter");
        if (f == null) {
            // a Delete or Update without a filter would touch every feature: refuse rather than guess
            throw new InvalidParameterException("Filter", "wfs:" + action.getLocalName() + " needs a Filter");
        }
        // a WFS 1.0 document's filter is x/y like its geometries
        return new FilterXmlParser(l, ctx.crsService(), "Filter").readingXy(xy).checkingTypes(id -> ctx.namesOtherType(l, id))
                .parse(f);
    }

    /** The type of a feature to insert; an unknown one is an InvalidValue (WFS 2.0, Table 3). */
    private LayerDefinition insertedType(Element feature) {
        try {
            return ctx.layer(feature.getLocalName(), "typeName");
        } catch (ShikongException e) {
            throw new ShikongException(OgcCode.INVALID_VALUE, "Insert", "cannot insert a "
                    + feature.getLocalName() + ": no such feature type", e);
        }
    }

    /**
     * The property an Update's ValueReference names ({@code tns:floors}, {@code floors[1]}, {@code gml:name[1]}):
     * an attribute, the geometry, or a GML standard property mapped to an attribute. Anything else, the
     * derived gml:boundedBy and the system-kept valid time included, is an InvalidValue.
     */
    private String updatedProperty(LayerDefinition l, Element reference) {
        String raw = reference.getTextContent().trim();
        String path = raw.replaceAll("\\[\\d+]$", "");
        int colon = path.indexOf(':');
        String prefix = colon >= 0 ? path.substring(0, colon) : null;
        String local = colon >= 0 ? path.substring(colon + 1) : path;
        String ns = prefix == null ? null : reference.lookupNamespaceURI(prefix);
        boolean gml = ns != null ? ns.startsWith("http://www.opengis.net/gml") : "gml".equals(prefix);
        if (gml) {
            String attribute = l.gml().attributeFor(local);
            if (attribute == null) {
                throw new ShikongException(OgcCode.INVALID_VALUE, raw, "gml:" + local + " of "
                        + l.name() + " cannot be changed" + (local.equals("boundedBy") ? ": it is derived from the geometry"
                        : ": the layer keeps no such property"));
            }
            return attribute;
        }
        if (local.equals(l.geometryColumn()) || l.attribute(local).isPresent()) {
            return local;
        }
        throw new ShikongException(OgcCode.INVALID_VALUE, raw, "'" + local + "' is not a property of "
                + l.name() + " that can be changed (properties: " + String.join(", ", l.attributes().stream()
                .map(io.shikong.core.catalog.AttributeDefinition::name).toList()) + ", " + l.geometryColumn() + ")");
    }

}
