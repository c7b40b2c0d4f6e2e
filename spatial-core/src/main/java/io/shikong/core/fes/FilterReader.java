package io.shikong.core.fes;

import io.shikong.core.catalog.LayerDefinition;
import io.shikong.core.error.InvalidParameterException;
import io.shikong.core.feature.Values;
import io.shikong.core.filter.FilterDepth;
import java.util.ArrayList;
import java.util.Date;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.geotools.api.filter.Filter;
import org.geotools.api.filter.FilterFactory;
import org.geotools.api.filter.MultiValuedFilter;
import org.geotools.api.filter.expression.Expression;
import org.geotools.api.filter.identity.FeatureId;
import org.geotools.api.filter.identity.Version;
import org.geotools.factory.CommonFactoryFinder;
import org.geotools.temporal.object.DefaultInstant;
import org.geotools.temporal.object.DefaultPeriod;
import org.geotools.temporal.object.DefaultPosition;
import org.w3c.dom.Element;
import org.w3c.dom.Node;

/**
 * The one reader of OGC filters: FES 2.0 ({@code fes:Filter}) and Filter Encoding 1.0/1.1
 * ({@code ogc:Filter}) elements into GeoTools filters, for WFS requests ({@link FilterProfile#WFS}, one
 * layer, evaluated by the SQL compiler) and SLD rules ({@link FilterProfile#SLD}, evaluated in memory by the
 * renderer). The profile says which operators apply and whether the first problem throws or every problem
 * is collected.
 *
 * <p>Always: And, Or (two or more operands), Not, the six binary comparisons (matchCase; matchAction Any,
 * All or One, the same for our single-valued properties), PropertyIsLike (defaults in {@link FilterProfile}),
 * PropertyIsNull, PropertyIsBetween, over ValueReference/PropertyName and Literal. Literals stay strings
 * (stripped of surrounding white space): comparisons convert them to the property's type. Functions are
 * refused. By profile: resource ids with version navigation, spatial operators (geometry operands through
 * {@link GeometryOperands}, already in the storage CRS), temporal operators, PropertyIsNil, arithmetic.
 */
public final class FilterReader {

    private static final FilterFactory FF = CommonFactoryFinder.getFilterFactory();
    private static final String OGC = "http://www.opengis.net/ogc";
    private static final String FES = "http://www.opengis.net/fes/2.0";
    private static final String SLD = "http://www.opengis.net/sld";
    private static final String SE = "http://www.opengis.net/se";
    private static final Set<String> SPATIAL = Set.of("BBOX", "Equals", "Disjoint", "Touches", "Within", "Overlaps",
            "Crosses", "Intersects", "Contains", "DWithin", "Beyond");
    private static final Set<String> TEMPORAL = Set.of("After", "Before", "Begins", "BegunBy", "TContains", "During",
            "EndedBy", "Ends", "TEquals", "Meets", "MetBy", "TOverlaps", "OverlappedBy", "AnyInteracts");
    private static final Set<String> READ_TEMPORAL = Set.of("After", "Before", "TEquals", "During");
    private static final Set<String> IDS = Set.of("FeatureId", "GmlObjectId", "ResourceId");
    private static final Pattern VERSION_SUFFIX = Pattern.compile("(.+)-v(\\d{1,9})");

    private final FilterProfile profile;
    private final FilterProblems problems;
    private final LayerDefinition layer;
    private final GeometryOperands geometries;
    private final String locator;
    private final FilterDepth maxDepth = FilterDepth.current();
    private Predicate<String> otherType = id -> false;
    private Element root;
    private int depth;

    private FilterReader(FilterProfile profile, FilterProblems problems, LayerDefinition layer,
            GeometryOperands geometries, String locator) {
        this.profile = profile;
        this.layer = layer;
        this.geometries = geometries;
        this.locator = locator;
        this.problems = profile.errors() == FilterProfile.Errors.COLLECT_ALL ? problems : new FilterProblems() {
            @Override
            public void problem(String message) {
                throw new InvalidParameterException(locator, "invalid filter: " + message);
            }

            @Override
            public String in(Element e) {
                return e.getTagName();
            }
        };
    }

    /**
     * A reader of one layer's filters in a profile that throws at the first problem (an InvalidParameterValue
     * on {@code locator}), such as {@link FilterProfile#WFS}.
     */
    public static FilterReader forLayer(FilterProfile profile, LayerDefinition layer, GeometryOperands geometries,
            String locator) {
        if (profile.errors() != FilterProfile.Errors.THROW_FIRST) {
            throw new IllegalArgumentException("a collect-all profile needs FilterProblems");
        }
        return new FilterReader(profile, null, layer, geometries, locator);
    }

    /** A reader that notes every problem in {@code problems}, such as {@link FilterProfile#SLD}'s. */
    public static FilterReader collecting(FilterProfile profile, FilterProblems problems) {
        if (profile.errors() != FilterProfile.Errors.COLLECT_ALL || profile.resourceIds() || profile.spatial()) {
            throw new IllegalArgumentException("a layer-free reader collects its problems and reads no ids or geometries");
        }
        return new FilterReader(profile, problems, null, null, null);
    }

    /**
     * Refuses resource ids that name another feature type ({@code pois.X} in a query of buildings) with an
     * InvalidParameterValue rather than matching nothing (WFS 2.0, 7.9.2.4.1).
     *
     * @param otherType whether an id belongs to another type the caller can see
     */
    public FilterReader checkingTypes(Predicate<String> otherType) {
        this.otherType = otherType;
        return this;
    }

    /** Reads a Filter element; null when a collecting reader noted problems. */
    public Filter read(Element filter) {
        root = filter;
        if (!filter.getLocalName().equals("Filter")) {
            problems.problem("expected a Filter element, found " + filter.getTagName());
            return null;
        }
        List<Element> ops = elements(filter);
        // a Filter of several ids is a list of id elements; anything else has one predicate
        if (profile.resourceIds() && !ops.isEmpty() && ops.stream().allMatch(e -> IDS.contains(e.getLocalName()))) {
            return ids(ops);
        }
        if (ops.size() != 1) {
            problems.problem(filter.getTagName() + " must hold exactly one operator, has " + ops.size() + " in "
                    + where());
            return null;
        }
        return operator(ops.get(0));
    }

    /** A feature id without the {@code layer.} prefix GML ids carry. */
    public static String featureId(LayerDefinition layer, String id) {
        String prefix = layer.name() + ".";
        return id.startsWith(prefix) ? id.substring(prefix.length()) : id;
    }

    private String where() {
        return problems.in(root);
    }

    private boolean filterElement(Element e) {
        String ns = e.getNamespaceURI();
        return profile.anyNamespace() || OGC.equals(ns) || FES.equals(ns);
    }

    private void unsupported(Element e) {
        String ns = e.getNamespaceURI();
        String known = SLD.equals(ns) || SE.equals(ns) || OGC.equals(ns) || FES.equals(ns) ? ""
                : ns == null ? " (no namespace)" : " (namespace " + ns + ")";
        problems.problem("unsupported element " + e.getTagName() + known + " in " + where());
    }

    private void refused(String kind, Element op) {
        problems.problem(kind + op.getTagName() + " is not supported in " + profile.purpose() + " (in " + where() + ")"
                + profile.advice());
    }

    /** An operator, refused when it nests deeper than {@link FilterDepth} allows (the reading recurses). */
    private Filter operator(Element op) {
        if (depth >= maxDepth.max()) {
            tooDeep(op);
            return null;
        }
        depth++;
        try {
            return operatorAtDepth(op);
        } finally {
            depth--;
        }
    }

    private void tooDeep(Element e) {
        problems.problem(e.getTagName() + " is nested deeper than " + maxDepth.max() + " levels (" + FilterDepth.KEY
                + ") in " + where());
    }

    private Filter operatorAtDepth(Element op) {
        if (!filterElement(op)) {
            unsupported(op);
            return null;
        }
        String name = op.getLocalName();
        List<Element> args = elements(op);
        switch (name) {
            case "And", "Or" -> {
                if (args.size() < 2) {
                    problems.problem(op.getTagName() + " needs at least two operands in " + where());
                    return null;
                }
                List<Filter> fs = new ArrayList<>();
                for (Element a : args) {
                    fs.add(operator(a));
                }
                if (fs.contains(null)) {
                    return null;
                }
                return name.equals("And") ? FF.and(fs) : FF.or(fs);
            }
            case "Not" -> {
                if (args.size() != 1) {
                    problems.problem(op.getTagName() + " needs exactly one operand in " + where());
                    return null;
                }
                Filter f = operator(args.get(0));
                return f == null ? null : FF.not(f);
            }
            case "PropertyIsEqualTo", "PropertyIsNotEqualTo", "PropertyIsLessThan", "PropertyIsGreaterThan",
                    "PropertyIsLessThanOrEqualTo", "PropertyIsGreaterThanOrEqualTo" -> {
                return comparison(op, args);
            }
            case "PropertyIsLike" -> {
                return like(op, args);
            }
            case "PropertyIsNull" -> {
                Expression e = single(op, args);
                return e == null ? null : FF.isNull(e);
            }
            case "PropertyIsBetween" -> {
                return between(op, args);
            }
            default -> {
                if (name.equals("PropertyIsNil") && profile.nil()) {
                    Expression e = single(op, args);
                    return e == null ? null : FF.isNil(e, null);
                }
                if (IDS.contains(name)) {
                    if (profile.resourceIds()) {
                        return ids(List.of(op));
                    }
                    refused("identifier filter ", op);
                } else if (SPATIAL.contains(name)) {
                    if (profile.spatial()) {
                        return spatial(op, name);
                    }
                    refused("spatial operator ", op);
                } else if (TEMPORAL.contains(name)) {
                    if (profile.temporal() && READ_TEMPORAL.contains(name)) {
                        return temporal(op, name);
                    }
                    refused("temporal operator ", op);
                } else {
                    problems.problem("unknown filter operator " + op.getTagName() + " in " + where());
                }
                return null;
            }
        }
    }

    private Expression single(Element op, List<Element> args) {
        if (args.size() != 1) {
            problems.problem(op.getTagName() + " needs exactly one operand in " + where());
            return null;
        }
        return expression(args.get(0));
    }

    private Filter comparison(Element op, List<Element> args) {
        if (args.size() != 2) {
            problems.problem(op.getTagName() + " needs exactly two operands in " + where());
            return null;
        }
        String m = op.getAttribute("matchAction");
        if (!m.isEmpty() && !m.equals("Any") && !m.equals("All") && !m.equals("One")) {
            problems.problem("matchAction '" + m + "' of " + op.getTagName() + " is not supported in " + where());
            return null;
        }
        Expression a = expression(args.get(0));
        Expression b = expression(args.get(1));
        if (a == null || b == null) {
            return null;
        }
        boolean matchCase = matchCase(op);
        MultiValuedFilter.MatchAction any = MultiValuedFilter.MatchAction.ANY;
        return switch (op.getLocalName()) {
            case "PropertyIsEqualTo" -> FF.equal(a, b, matchCase, any);
            case "PropertyIsNotEqualTo" -> FF.notEqual(a, b, matchCase, any);
            case "PropertyIsLessThan" -> FF.less(a, b, matchCase, any);
            case "PropertyIsGreaterThan" -> FF.greater(a, b, matchCase, any);
            case "PropertyIsLessThanOrEqualTo" -> FF.lessOrEqual(a, b, matchCase, any);
            default -> FF.greaterOrEqual(a, b, matchCase, any);
        };
    }

    private static boolean matchCase(Element op) {
        return !"false".equalsIgnoreCase(op.getAttribute("matchCase").trim());
    }

    private Filter like(Element op, List<Element> args) {
        if (args.size() != 2 || !args.get(1).getLocalName().equals("Literal") || !filterElement(args.get(1))) {
            problems.problem(op.getTagName() + " needs a property and a Literal pattern in " + where());
            return null;
        }
        Expression e = expression(args.get(0));
        String wild = attr(op, "*", "wildCard");
        String single = attr(op, "?", "singleChar");
        String escape = attr(op, "\\", "escapeChar", "escape");
        if (wild.length() != 1 || single.length() != 1 || escape.length() != 1) {
            problems.problem("wildCard, singleChar and escapeChar of " + op.getTagName() + " must be single characters, "
                    + "were '" + wild + "', '" + single + "' and '" + escape + "' in " + where());
            return null;
        }
        if (wild.equals(single) || wild.equals(escape) || single.equals(escape)) {
            problems.problem("wildCard, singleChar and escapeChar of " + op.getTagName() + " must be three different "
                    + "characters, were '" + wild + "', '" + single + "' and '" + escape + "' in " + where());
            return null;
        }
        return e == null ? null : FF.like(e, text(args.get(1)), wild, single, escape, matchCase(op));
    }

    private static String attr(Element op, String dflt, String... names) {
        for (String n : names) {
            if (op.hasAttribute(n)) {
                return op.getAttribute(n);
            }
        }
        return dflt;
    }

    private Filter between(Element op, List<Element> args) {
        if (args.size() != 3 || !args.get(1).getLocalName().equals("LowerBoundary")
                || !args.get(2).getLocalName().equals("UpperBoundary")) {
            problems.problem(op.getTagName() + " needs an expression, a LowerBoundary and an UpperBoundary in "
                    + where());
            return null;
        }
        Expression e = expression(args.get(0));
        Expression lo = boundary(args.get(1));
        Expression hi = boundary(args.get(2));
        return e == null || lo == null || hi == null ? null : FF.between(e, lo, hi);
    }

    private Expression boundary(Element b) {
        List<Element> es = elements(b);
        if (es.size() != 1) {
            problems.problem(b.getTagName() + " needs exactly one expression in " + where());
            return null;
        }
        return expression(es.get(0));
    }

    /** ValueReference, PropertyName, Literal and (by profile) Add, Sub, Mul, Div; anything else a problem and null. */
    private Expression expression(Element e) {
        if (depth >= maxDepth.max()) {
            tooDeep(e);
            return null;
        }
        depth++;
        try {
            return expressionAtDepth(e);
        } finally {
            depth--;
        }
    }

    private Expression expressionAtDepth(Element e) {
        if (!filterElement(e)) {
            unsupported(e);
            return null;
        }
        switch (e.getLocalName()) {
            case "PropertyName", "ValueReference" -> {
                return property(e);
            }
            case "Literal" -> {
                if (!elements(e).isEmpty() && !profile.elementLiterals()) {
                    problems.problem(e.getTagName() + " with element content (" + elements(e).get(0).getTagName()
                            + ") is not supported in " + where());
                    return null;
                }
                return FF.literal(text(e));
            }
            case "Add", "Sub", "Mul", "Div" -> {
                if (!profile.arithmetic()) {
                    refused("arithmetic operator ", e);
                    return null;
                }
                List<Element> args = elements(e);
                if (args.size() != 2) {
                    problems.problem(e.getTagName() + " needs exactly two operands in " + where());
                    return null;
                }
                Expression a = expression(args.get(0));
                Expression b = expression(args.get(1));
                if (a == null || b == null) {
                    return null;
                }
                return switch (e.getLocalName()) {
                    case "Add" -> FF.add(a, b);
                    case "Sub" -> FF.subtract(a, b);
                    case "Mul" -> FF.multiply(a, b);
                    default -> FF.divide(a, b);
                };
            }
            case "Function" -> {
                problems.problem("function '" + e.getAttribute("name") + "' (" + e.getTagName() + ") is not supported in "
                        + where());
                return null;
            }
            default -> {
                problems.problem("unknown expression " + e.getTagName() + " in " + where());
                return null;
            }
        }
    }

    /**
     * A property. Path-lenient profiles take the last step of an XPath and keep the prefix of GML's own
     * properties ({@code gml:name}, {@code gml:boundedBy}) for the compiler; strict ones refuse XPath.
     */
    private Expression property(Element ref) {
        String path = text(ref);
        if (!profile.pathSteps()) {
            if (path.contains("/") || path.contains("@") || path.contains("[")) {
                problems.problem("XPath property name '" + path + "' is not supported in " + where());
                return null;
            }
        }
        String local = strip(path);
        if (local.isEmpty()) {
            problems.problem("empty " + ref.getTagName() + " in " + where());
            return null;
        }
        int colon = path.indexOf(':');
        if (profile.pathSteps() && colon > 0 && path.indexOf('/') < 0) {
            String ns = ref.lookupNamespaceURI(path.substring(0, colon));
            if (ns != null ? ns.startsWith("http://www.opengis.net/gml") : path.startsWith("gml:")) {
                return FF.property("gml:" + local);
            }
        }
        return FF.property(local);
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

    // ---- resource ids (WFS) ----

    private Filter ids(List<Element> elements) {
        Set<FeatureId> ids = new LinkedHashSet<>();
        for (Element e : elements) {
            String id = e.hasAttribute("rid") ? e.getAttribute("rid") : e.hasAttribute("fid") ? e.getAttribute("fid")
                    : e.getAttributeNS("http://www.opengis.net/gml", "id").isEmpty()
                    ? e.getAttributeNS("http://www.opengis.net/gml/3.2", "id")
                    : e.getAttributeNS("http://www.opengis.net/gml", "id");
            if (id.isEmpty()) {
                problems.problem(e.getTagName() + " without an id");
                return null;
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
        Matcher suffix = VERSION_SUFFIX.matcher(id);
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
            return ridVersion == null ? FF.featureId(plain) : FF.resourceId(plain, ridVersion, new Version());
        }
        Version v;
        if (version.matches("\\d{1,9}")) {
            int n = Integer.parseInt(version);
            if (n < 1) {
                throw new InvalidParameterException("ResourceId", "version numbers start at 1");
            }
            v = new Version(n);
        } else if (version.matches("(?i)FIRST|LATEST|LAST|PREVIOUS|NEXT|ALL")) {
            String action = version.toUpperCase(Locale.ROOT);
            v = new Version(Version.Action.valueOf(action.equals("LATEST") ? "LAST" : action));
        } else {
            v = new Version(versionDate(version, "version"));
        }
        return FF.resourceId(plain, ridVersion, v);
    }

    private static Date versionDate(String text, String what) {
        try {
            return Date.from(io.shikong.core.params.Params.instant(text, what));
        } catch (RuntimeException ex) {
            throw new InvalidParameterException("ResourceId", "ResourceId " + what + " '" + text + "' is not a version "
                    + "number, FIRST, LAST, PREVIOUS, NEXT, ALL or an ISO 8601 instant", ex);
        }
    }

    // ---- spatial (WFS) ----

    private Filter spatial(Element op, String name) {
        Element operand = geometryElement(op);
        if (operand == null) {
            return null;
        }
        Expression p = geometryProperty(op);
        if (name.equals("BBOX")) {
            return FF.bbox(p, FF.literal(geometries.envelope(operand)));
        }
        Expression g = FF.literal(geometries.geometry(operand));
        if (name.equals("DWithin") || name.equals("Beyond")) {
            Element d = child(op, "Distance");
            if (d == null) {
                problems.problem(op.getTagName() + " needs a Distance");
                return null;
            }
            double value;
            try {
                value = Double.parseDouble(d.getTextContent().trim());
            } catch (NumberFormatException ex) {
                problems.problem("Distance '" + d.getTextContent().trim() + "' is not a number");
                return null;
            }
            String units = d.hasAttribute("uom") ? d.getAttribute("uom") : attr(d, "m", "units");
            units = units.replaceAll(".*[#:/]", "");
            return name.equals("DWithin") ? FF.dwithin(p, g, value, units) : FF.beyond(p, g, value, units);
        }
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

    private Element geometryElement(Element operator) {
        for (Element c : elements(operator)) {
            String n = c.getLocalName();
            if (!n.equals("ValueReference") && !n.equals("PropertyName") && !n.equals("Distance")) {
                return c;
            }
        }
        problems.problem(operator.getTagName() + " needs a GML geometry");
        return null;
    }

    private Expression geometryProperty(Element operator) {
        Element ref = reference(operator);
        // BBOX may leave the property out: the layer has one geometry
        return FF.property(ref == null ? layer.geometryColumn() : strip(ref.getTextContent()));
    }

    private static Element reference(Element operator) {
        Element ref = child(operator, "ValueReference");
        return ref != null ? ref : child(operator, "PropertyName");
    }

    // ---- temporal (WFS) ----

    private Filter temporal(Element op, String name) {
        Element ref = reference(op);
        if (ref == null) {
            problems.problem(op.getTagName() + " needs a ValueReference (FES 2.0) or PropertyName (1.1)");
            return null;
        }
        Expression p = property(ref);
        Element time = null;
        for (Element c : elements(op)) {
            String n = c.getLocalName();
            if (n.equals("TimeInstant") || n.equals("TimePeriod") || n.equals("Literal")) {
                time = c;
            }
        }
        if (time == null) {
            problems.problem(op.getTagName() + " needs a gml:TimeInstant or gml:TimePeriod");
            return null;
        }
        if (time.getLocalName().equals("Literal")) {
            List<Element> inner = elements(time);
            time = inner.isEmpty() ? time : inner.get(0);
        }
        Object value;
        if (time.getLocalName().equals("TimePeriod")) {
            DefaultInstant begin = instant(position(time, "beginPosition", "begin"));
            DefaultInstant end = instant(position(time, "endPosition", "end"));
            value = begin == null || end == null ? null : new DefaultPeriod(begin, end);
        } else if (time.getLocalName().equals("TimeInstant")) {
            value = instant(position(time, "timePosition", null));
        } else {
            value = instant(time.getTextContent());
        }
        if (p == null || value == null) {
            return null;
        }
        Expression v = FF.literal(value);
        return switch (name) {
            case "After" -> FF.after(p, v);
            case "Before" -> FF.before(p, v);
            case "TEquals" -> FF.tequals(p, v);
            default -> {
                if (!(value instanceof DefaultPeriod)) {
                    problems.problem("During needs a gml:TimePeriod");
                    yield null;
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
            problems.problem("gml:" + time.getLocalName() + " without " + positionName);
            return null;
        }
        return pos.getTextContent();
    }

    private DefaultInstant instant(String text) {
        if (text == null) {
            return null;
        }
        try {
            return new DefaultInstant(new DefaultPosition(Date.from(Values.instant(text.trim()))));
        } catch (java.time.format.DateTimeParseException ex) {
            problems.problem("'" + text.trim() + "' is not an ISO 8601 time");
            return null;
        }
    }

    // ---- DOM ----

    private static List<Element> elements(Element e) {
        List<Element> out = new ArrayList<>();
        for (Node n = e.getFirstChild(); n != null; n = n.getNextSibling()) {
            if (n instanceof Element c) {
                out.add(c);
            }
        }
        return out;
    }

    private static Element child(Element e, String localName) {
        for (Element c : elements(e)) {
            if (localName.equals(c.getLocalName())) {
                return c;
            }
        }
        return null;
    }

    private static String text(Element e) {
        return e.getTextContent().strip();
    }
}
