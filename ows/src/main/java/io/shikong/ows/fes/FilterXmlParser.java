package io.shikong.ows.fes;

import static io.shikong.ows.gml.GmlGeometryReader.child;
import static io.shikong.ows.gml.GmlGeometryReader.elements;

import io.shikong.core.catalog.LayerDefinition;
import io.shikong.core.crs.Crs;
import io.shikong.core.crs.CrsService;
import io.shikong.core.error.InvalidParameterException;
import io.shikong.core.feature.Values;
import io.shikong.ows.SrsName;
import io.shikong.ows.gml.GmlGeometryReader;
import java.util.ArrayList;
import java.util.Date;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.geotools.api.filter.Filter;
import org.geotools.api.filter.FilterFactory;
import org.geotools.api.filter.MultiValuedFilter;
import org.geotools.api.filter.expression.Expression;
import org.geotools.api.filter.identity.FeatureId;
import org.geotools.factory.CommonFactoryFinder;
import org.geotools.temporal.object.DefaultInstant;
import org.geotools.temporal.object.DefaultPeriod;
import org.geotools.temporal.object.DefaultPosition;
import org.locationtech.jts.geom.Envelope;
import org.locationtech.jts.geom.Geometry;
import org.w3c.dom.Element;

/**
 * Reads an FES 2.0 ({@code fes:Filter}) or Filter Encoding 1.1 ({@code ogc:Filter}) element into a
 * GeoTools filter for one layer. Geometry operands are read with {@link GmlGeometryReader} (a missing
 * srsName means the layer's default CRS in EPSG axis order, as GDAL sends it) and handed on already in
 * the storage CRS, so the SQL compiler needs no more CRS work. Unknown operators are an
 * InvalidParameterValue naming them; unknown properties are caught by the compiler.
 */
public final class FilterXmlParser {

    private static final FilterFactory FF = CommonFactoryFinder.getFilterFactory();

    private final LayerDefinition layer;
    private final CrsService crsService;
    private final Crs storage;
    private GmlGeometryReader gml;
    private final SrsName defaultSrs;
    private final String locator;
    private java.util.function.Predicate<String> otherType = id -> false;

    public FilterXmlParser(LayerDefinition layer, CrsService crsService, String locator) {
        this.layer = layer;
        this.crsService = crsService;
        this.storage = crsService.resolve("EPSG:" + layer.srid());
        this.defaultSrs = SrsName.urn(storage);
        this.gml = new GmlGeometryReader(crsService, defaultSrs, locator);
        this.locator = locator;
    }

    /**
     * Refuses resource ids that name another feature type ({@code pois.X} in a query of buildings) with an
     * InvalidParameterValue rather than matching nothing (WFS 2.0, 7.9.2.4.1).
     *
     * @param otherType whether an id belongs to another type the caller can see
     */
    public FilterXmlParser checkingTypes(java.util.function.Predicate<String> otherType) {
        this.otherType = otherType;
        return this;
    }

    /**
     * Reads geometry operands x/y whatever their srsName says, as {@link GmlGeometryReader} does for WFS 1.0
     * documents (older QGIS's transactions), which know no other order.
     */
    public FilterXmlParser readingXy(boolean forceXy) {
        this.gml = new GmlGeometryReader(crsService, defaultSrs, locator, forceXy);
        return this;
    }

    /** Parses a Filter element (its single child is the predicate). */
    public Filter parse(Element filter) {
        if (!filter.getLocalName().equals("Filter")) {
            throw bad("expected a Filter element, found " + filter.getLocalName());
        }
        List<Element> children = elements(filter);
        if (children.isEmpty()) {
            throw bad("empty Filter");
        }
        // a Filter of several ids is a list of id elements; anything else has one predicate
        if (children.stream().allMatch(FilterXmlParser::isId)) {
            return ids(children);
        }
        if (children.size() != 1) {
            throw bad("a Filter holds one predicate; combine several with And or Or");
        }
        return predicate(children.get(0));
    }

    private static boolean isId(Element e) {
        String n = e.getLocalName();
        return n.equals("ResourceId") || n.equals("FeatureId") || n.equals("GmlObjectId");
    }

    private Filter ids(List<Element> elements) {
        Set<FeatureId> ids = new LinkedHashSet<>();
        for (Element e : elements) {
            String id = e.hasAttribute("rid") ? e.getAttribute("rid") : e.hasAttribute("fid") ? e.getAttribute("fid")
                    : e.getAttributeNS("http://www.opengis.net/gml", "id").isEmpty()
                    ? e.getAttributeNS("http://www.opengis.net/gml/3.2", "id")
                    : e.getAttributeNS("http://www.opengis.net/gml", "id");
            if (id.isEmpty()) {
                throw bad(e.getLocalName() + " without an id");
            }
            if (otherType.test(id)) {
                throw new InvalidParameterException("ResourceId", "resource id '" + id + "' is a feature of another type "
                        + "than " + layer.name());
            }
            ids.add(resourceId(featureId(layer, id), e));
        }
        return FF.id(ids);
    }

    /**
     * A plain feature id, or a GeoTools ResourceId when FES 2.0 version navigation is asked for (7.11.1):
     * an id naming a version ({@code X-v3}, as Shikong writes the gml:id of a past version), a
     * {@code version} attribute (FIRST, LAST, PREVIOUS, NEXT, ALL, a version number or an instant), or
     * {@code startDate}/{@code endDate}. {@code VersionNavigation} resolves them against the history.
     */
    private FeatureId resourceId(String id, Element e) {
        java.util.regex.Matcher suffix = VERSION_SUFFIX.matcher(id);
        String plain = id;
        String ridVersion = null;
        if (layer.versioned() && suffix.matches()) {
            plain = suffix.group(1);
            ridVersion = suffix.group(2);
        }
        String version = e.getAttribute("version").trim();
        String start = e.getAttribute("startDate").trim();
        String end = e.getAttribute("endDate").trim();
        if (!start.isEmpty() || !end.isEmpty()) {
            Date from = start.isEmpty() ? new Date(Long.MIN_VALUE) : versionDate(start, "startDate");
            Date to = end.isEmpty() ? new Date(Long.MAX_VALUE) : versionDate(end, "endDate");
            if (from.after(to)) {
                throw new InvalidParameterException("ResourceId", "startDate " + start + " is after endDate " + end);
            }
            return FF.resourceId(plain, from, to);
        }
        if (version.isEmpty()) {
            return ridVersion == null ? FF.featureId(plain) : FF.resourceId(plain, ridVersion,
                    new org.geotools.api.filter.identity.Version());
        }
        org.geotools.api.filter.identity.Version v;
        if (version.matches("\\d{1,9}")) {
            int n = Integer.parseInt(version);
            if (n < 1) {
                throw new InvalidParameterException("ResourceId", "version numbers start at 1");
            }
            v = new org.geotools.api.filter.identity.Version(n);
        } else if (version.matches("(?i)FIRST|LATEST|LAST|PREVIOUS|NEXT|ALL")) {
            String action = version.toUpperCase(java.util.Locale.ROOT);
            v = new org.geotools.api.filter.identity.Version(org.geotools.api.filter.identity.Version.Action.valueOf(
                    action.equals("LATEST") ? "LAST" : action));
        } else {
            v = new org.geotools.api.filter.identity.Version(versionDate(version, "version"));
        }
        return FF.resourceId(plain, ridVersion, v);
    }

    private static final java.util.regex.Pattern VERSION_SUFFIX = java.util.regex.Pattern.compile("(.+)-v(\\d{1,9})");

    private static Date versionDate(String text, String what) {
        try {
            return Date.from(io.shikong.core.params.Params.instant(text, what));
        } catch (RuntimeException ex) {
            throw new InvalidParameterException("ResourceId", "ResourceId " + what + " '" + text + "' is not a version "
                    + "number, FIRST, LAST, PREVIOUS, NEXT, ALL or an ISO 8601 instant", ex);
        }
    }

    /** A feature id without the {@code layer.} prefix GML ids carry. */
    public static String featureId(LayerDefinition layer, String id) {
        String prefix = layer.name() + ".";
        return id.startsWith(prefix) ? id.substring(prefix.length()) : id;
    }

    private Filter predicate(Element e) {
        String name = e.getLocalName();
        switch (name) {
            case "And":
            case "Or": {
                List<Filter> parts = new ArrayList<>();
                for (Element c : elements(e)) {
                    parts.add(predicate(c));
                }
                if (parts.size() < 2) {
                    throw bad(name + " needs at least two operands");
                }
                return name.equals("And") ? FF.and(parts) : FF.or(parts);
            }
            case "Not": {
                List<Element> c = elements(e);
                if (c.size() != 1) {
                    throw bad("Not needs exactly one operand");
                }
                return FF.not(predicate(c.get(0)));
            }
            case "ResourceId":
            case "FeatureId":
            case "GmlObjectId":
                return ids(List.of(e));
            case "PropertyIsEqualTo":
            case "PropertyIsNotEqualTo":
            case "PropertyIsLessThan":
            case "PropertyIsGreaterThan":
            case "PropertyIsLessThanOrEqualTo":
            case "PropertyIsGreaterThanOrEqualTo":
                return comparison(e, name);
            case "PropertyIsLike": {
                Expression p = property(e);
                String wild = attr(e, "wildCard", "*");
                String single = attr(e, "singleChar", "?");
                String escape = e.hasAttribute("escapeChar") ? e.getAttribute("escapeChar") : attr(e, "escape", "\\");
                boolean matchCase = !"false".equalsIgnoreCase(e.getAttribute("matchCase"));
                return FF.like(p, literalText(e), wild, single, escape, matchCase);
            }
            case "PropertyIsNull":
                return FF.isNull(property(e));
            case "PropertyIsNil":
                return FF.isNil(property(e), null);
            case "PropertyIsBetween": {
                Element lower = child(e, "LowerBoundary");
                Element upper = child(e, "UpperBoundary");
                if (lower == null || upper == null) {
                    throw bad("PropertyIsBetween needs LowerBoundary and UpperBoundary");
                }
                return FF.between(property(e), FF.literal(literalText(lower)), FF.literal(literalText(upper)));
            }
            case "BBOX":
                return bbox(e);
            case "Intersects":
            case "Within":
            case "Contains":
            case "Disjoint":
            case "Crosses":
            case "Touches":
            case "Overlaps":
            case "Equals":
                return spatial(e, name);
            case "DWithin":
            case "Beyond":
                return distance(e, name);
            case "After":
            case "Before":
            case "TEquals":
            case "During":
                return temporal(e, name);
            default:
                throw bad("filter operator " + name + " is not supported");
        }
    }

    private Filter comparison(Element e, String name) {
        Expression p = property(e);
        Expression v = FF.literal(literalText(e));
        boolean matchCase = !"false".equalsIgnoreCase(e.getAttribute("matchCase"));
        MultiValuedFilter.MatchAction any = MultiValuedFilter.MatchAction.ANY;
        return switch (name) {
            case "PropertyIsEqualTo" -> FF.equal(p, v, matchCase, any);
            case "PropertyIsNotEqualTo" -> FF.notEqual(p, v, matchCase, any);
            case "PropertyIsLessThan" -> FF.less(p, v, matchCase, any);
            case "PropertyIsGreaterThan" -> FF.greater(p, v, matchCase, any);
            case "PropertyIsLessThanOrEqualTo" -> FF.lessOrEqual(p, v, matchCase, any);
            default -> FF.greaterOrEqual(p, v, matchCase, any);
        };
    }

    private Filter bbox(Element e) {
        Element envelope = geometryElement(e);
        SrsName srs = gml.srs(envelope, defaultSrs);
        Envelope env = gml.envelope(envelope, srs);
        Envelope target = srs.crs().equals(storage) ? env : crsService.transform(env, srs.crs(), storage);
        Geometry g = new org.locationtech.jts.geom.GeometryFactory().toGeometry(target);
        g.setSRID(layer.srid());
        return FF.bbox(geometryProperty(e), FF.literal(g));
    }

    private Filter spatial(Element e, String name) {
        Expression p = geometryProperty(e);
        Expression g = FF.literal(geometry(geometryElement(e)));
        return switch (name) {
            case "Intersects" -> FF.intersects(p, g);
            case "Within" -> FF.within(p, g);
            case "Contains" -> FF.contains(p, g);
            case "Disjoint" -> FF.disjoint(p, g);
            case "Crosses" -> FF.crosses(p, g);
            case "Touches" -> FF.touches(p, g);
            case "Overlaps" -> FF.overlaps(p, g);
            default -> FF.equal(p, g);
        };
    }

    private Filter distance(Element e, String name) {
        Element d = child(e, "Distance");
        if (d == null) {
            throw bad(name + " needs a Distance");
        }
        double value;
        try {
            value = Double.parseDouble(d.getTextContent().trim());
        } catch (NumberFormatException ex) {
            throw bad("Distance '" + d.getTextContent().trim() + "' is not a number");
        }
        String units = d.hasAttribute("uom") ? d.getAttribute("uom") : attr(d, "units", "m");
        units = units.replaceAll(".*[#:/]", "");
        Expression p = geometryProperty(e);
        Expression g = FF.literal(geometry(geometryElement(e)));
        return name.equals("DWithin") ? FF.dwithin(p, g, value, units) : FF.beyond(p, g, value, units);
    }

    private Filter temporal(Element e, String name) {
        Expression p = property(e);
        Element time = null;
        for (Element c : elements(e)) {
            if (c.getLocalName().equals("TimeInstant") || c.getLocalName().equals("TimePeriod")
                    || c.getLocalName().equals("Literal")) {
                time = c;
            }
        }
        if (time == null) {
            throw bad(name + " needs a gml:TimeInstant or gml:TimePeriod");
        }
        if (time.getLocalName().equals("Literal")) {
            List<Element> inner = elements(time);
            time = inner.isEmpty() ? time : inner.get(0);
        }
        Object value;
        if (time.getLocalName().equals("TimePeriod")) {
            value = new DefaultPeriod(instant(position(time, "beginPosition", "begin")),
                    instant(position(time, "endPosition", "end")));
        } else if (time.getLocalName().equals("TimeInstant")) {
            value = instant(position(time, "timePosition", null));
        } else {
            value = instant(time.getTextContent());
        }
        Expression v = FF.literal(value);
        return switch (name) {
            case "After" -> FF.after(p, v);
            case "Before" -> FF.before(p, v);
            case "TEquals" -> FF.tequals(p, v);
            default -> {
                if (!(value instanceof DefaultPeriod)) {
                    throw bad("During needs a gml:TimePeriod");
                }
                yield FF.during(p, v);
            }
        };
    }

    private String position(Element time, String positionName, String wrapperName) {
        Element pos = child(time, positionName);
        if (pos == null && wrapperName != null) {
            Element wrapper = child(time, wrapperName);
            Element instant = wrapper == null ? null : child(wrapper, "TimeInstant");
            pos = instant == null ? null : child(instant, "timePosition");
        }
        if (pos == null) {
            throw bad("gml:" + time.getLocalName() + " without " + positionName);
        }
        return pos.getTextContent();
    }

    private DefaultInstant instant(String text) {
        try {
            return new DefaultInstant(new DefaultPosition(Date.from(Values.instant(text.trim()))));
        } catch (java.time.format.DateTimeParseException ex) {
            throw bad("'" + text.trim() + "' is not an ISO 8601 time");
        }
    }

    private Geometry geometry(Element e) {
        GmlGeometryReader.Read read = gml.read(e);
        Geometry g = read.srs().crs().equals(storage) ? read.geometry()
                : crsService.transform(read.geometry(), read.srs().crs(), storage);
        g.setSRID(layer.srid());
        return g;
    }

    private Element geometryElement(Element operator) {
        for (Element c : elements(operator)) {
            String n = c.getLocalName();
            if (!n.equals("ValueReference") && !n.equals("PropertyName") && !n.equals("Distance")) {
                return c;
            }
        }
        throw bad(operator.getLocalName() + " needs a GML geometry");
    }

    private Expression geometryProperty(Element operator) {
        Element ref = reference(operator);
        // BBOX may leave the property out: the layer has one geometry
        return FF.property(ref == null ? layer.geometryColumn() : strip(ref.getTextContent()));
    }

    private Expression property(Element operator) {
        Element ref = reference(operator);
        if (ref == null) {
            throw bad(operator.getLocalName() + " needs a ValueReference (FES 2.0) or PropertyName (1.1)");
        }
        String path = ref.getTextContent().trim();
        String local = strip(path);
        // GML's own properties (gml:name, gml:boundedBy, ...) keep their prefix for the compiler
        int colon = path.indexOf(':');
        if (colon > 0 && path.indexOf('/') < 0) {
            String ns = ref.lookupNamespaceURI(path.substring(0, colon));
            if (ns != null ? ns.startsWith("http://www.opengis.net/gml") : path.startsWith("gml:")) {
                return FF.property("gml:" + local);
            }
        }
        return FF.property(local);
    }

    private static Element reference(Element operator) {
        Element ref = child(operator, "ValueReference");
        return ref != null ? ref : child(operator, "PropertyName");
    }

    private static String strip(String path) {
        String p = path.trim();
        int slash = p.lastIndexOf('/');
        if (slash >= 0) {
            p = p.substring(slash + 1);
        }
        int colon = p.indexOf(':');
        return colon >= 0 ? p.substring(colon + 1) : p;
    }

    private String literalText(Element e) {
        Element lit = child(e, "Literal");
        if (lit == null) {
            throw bad(e.getLocalName() + " needs a Literal");
        }
        return lit.getTextContent();
    }

    private static String attr(Element e, String name, String fallback) {
        return e.hasAttribute(name) ? e.getAttribute(name) : fallback;
    }

    private InvalidParameterException bad(String message) {
        return new InvalidParameterException(locator, "invalid filter: " + message);
    }
}
