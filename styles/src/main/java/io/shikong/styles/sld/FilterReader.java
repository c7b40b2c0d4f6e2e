package io.shikong.styles.sld;

import static io.shikong.styles.sld.Context.children;
import static io.shikong.styles.sld.Context.key;
import static io.shikong.styles.sld.Context.text;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.geotools.api.filter.Filter;
import org.geotools.api.filter.FilterFactory;
import org.geotools.api.filter.expression.Expression;
import org.geotools.factory.CommonFactoryFinder;
import org.w3c.dom.Element;

/**
 * Reads the attribute filters that style rules use, from Filter Encoding 1.0/1.1 ({@code ogc:}) or
 * FES 2.0 ({@code fes:}), into GeoTools filters: And, Or, Not, the six binary comparisons, Like, Null,
 * Between, over PropertyName/ValueReference, Literal and arithmetic. Spatial, temporal and identifier
 * operators and functions are refused by name: a style rule selects by attributes; what to show in
 * space and time is the request's business (BBOX, TIME).
 *
 * <p>Literals stay strings, as in GeoTools' own parser: comparisons convert them to the property's type
 * at evaluation (so {@code captured_at > '2024-01-01'} compares timestamps).
 */
final class FilterReader {

    private static final FilterFactory FF = CommonFactoryFinder.getFilterFactory();
    private static final Set<String> SPATIAL = Set.of("BBOX", "Equals", "Disjoint", "Touches", "Within", "Overlaps",
            "Crosses", "Intersects", "Contains", "DWithin", "Beyond");
    private static final Set<String> TEMPORAL = Set.of("After", "Before", "Begins", "BegunBy", "TContains", "During",
            "EndedBy", "Ends", "TEquals", "Meets", "MetBy", "TOverlaps", "OverlappedBy", "AnyInteracts");
    private static final Set<String> IDS = Set.of("FeatureId", "GmlObjectId", "ResourceId");

    private final Context cx;

    FilterReader(Context cx) {
        this.cx = cx;
    }

    /** Reads an {@code ogc:Filter} or {@code fes:Filter}; null (with a problem noted) when unusable. */
    Filter filter(Element filter) {
        List<Element> ops = children(filter);
        if (ops.size() != 1) {
            cx.problem(filter.getTagName() + " must hold exactly one operator, has " + ops.size() + " in " + cx.in(filter));
            return null;
        }
        return operator(ops.get(0), filter);
    }

    private Filter operator(Element op, Element filter) {
        String k = key(op);
        String name = op.getLocalName();
        if (k.isEmpty() || !k.startsWith("ogc:")) {
            cx.unsupported(op, filter);
            return null;
        }
        List<Element> args = children(op);
        switch (name) {
            case "And", "Or" -> {
                if (args.size() < 2) {
                    cx.problem(op.getTagName() + " needs at least two operands in " + cx.in(filter));
                    return null;
                }
                List<Filter> fs = new ArrayList<>();
                for (Element a : args) {
                    fs.add(operator(a, filter));
                }
                if (fs.contains(null)) {
                    return null;
                }
                return name.equals("And") ? FF.and(fs) : FF.or(fs);
            }
            case "Not" -> {
                if (args.size() != 1) {
                    cx.problem(op.getTagName() + " needs exactly one operand in " + cx.in(filter));
                    return null;
                }
                Filter f = operator(args.get(0), filter);
                return f == null ? null : FF.not(f);
            }
            case "PropertyIsEqualTo", "PropertyIsNotEqualTo", "PropertyIsLessThan", "PropertyIsGreaterThan",
                    "PropertyIsLessThanOrEqualTo", "PropertyIsGreaterThanOrEqualTo" -> {
                return comparison(op, args, filter);
            }
            case "PropertyIsLike" -> {
                return like(op, args, filter);
            }
            case "PropertyIsNull" -> {
                if (args.size() != 1) {
                    cx.problem(op.getTagName() + " needs exactly one operand in " + cx.in(filter));
                    return null;
                }
                Expression e = expression(args.get(0), filter);
                return e == null ? null : FF.isNull(e);
            }
            case "PropertyIsBetween" -> {
                return between(op, args, filter);
            }
            default -> {
                String kind = SPATIAL.contains(name) ? "spatial operator " : TEMPORAL.contains(name) ? "temporal operator "
                        : IDS.contains(name) ? "identifier filter " : null;
                if (kind != null) {
                    cx.problem(kind + op.getTagName() + " is not supported in style rules (in " + cx.in(filter)
                            + "): select by attributes; space and time come from the request");
                } else {
                    cx.problem("unknown filter operator " + op.getTagName() + " in " + cx.in(filter));
                }
                return null;
            }
        }
    }

    private Filter comparison(Element op, List<Element> args, Element filter) {
        if (args.size() != 2) {
            cx.problem(op.getTagName() + " needs exactly two operands in " + cx.in(filter));
            return null;
        }
        if (!matchAction(op, filter)) {
            return null;
        }
        Expression a = expression(args.get(0), filter);
        Expression b = expression(args.get(1), filter);
        if (a == null || b == null) {
            return null;
        }
        boolean matchCase = !"false".equals(op.getAttribute("matchCase"));
        return switch (op.getLocalName()) {
            case "PropertyIsEqualTo" -> FF.equal(a, b, matchCase);
            case "PropertyIsNotEqualTo" -> FF.notEqual(a, b, matchCase);
            case "PropertyIsLessThan" -> FF.less(a, b, matchCase);
            case "PropertyIsGreaterThan" -> FF.greater(a, b, matchCase);
            case "PropertyIsLessThanOrEqualTo" -> FF.lessOrEqual(a, b, matchCase);
            default -> FF.greaterOrEqual(a, b, matchCase);
        };
    }

    /** FES 2.0's matchAction concerns multi-valued properties, which our features do not have: only Any. */
    private boolean matchAction(Element op, Element filter) {
        String m = op.getAttribute("matchAction");
        if (!m.isEmpty() && !m.equals("Any")) {
            cx.problem("matchAction '" + m + "' of " + op.getTagName() + " is not supported in " + cx.in(filter));
            return false;
        }
        return true;
    }

    private Filter like(Element op, List<Element> args, Element filter) {
        if (args.size() != 2 || !"ogc:Literal".equals(key(args.get(1)))) {
            cx.problem(op.getTagName() + " needs a property and a Literal pattern in " + cx.in(filter));
            return null;
        }
        Expression e = expression(args.get(0), filter);
        String wild = attr(op, "*", "wildCard");
        String single = attr(op, ".", "singleChar");
        String escape = attr(op, "\\", "escapeChar", "escape");
        if (wild.length() != 1 || single.length() != 1 || escape.length() != 1) {
            cx.problem("wildCard, singleChar and escapeChar of " + op.getTagName() + " must be single characters in "
                    + cx.in(filter));
            return null;
        }
        boolean matchCase = !"false".equals(op.getAttribute("matchCase"));
        return e == null ? null : FF.like(e, text(args.get(1)), wild, single, escape, matchCase);
    }

    private static String attr(Element op, String dflt, String... names) {
        for (String n : names) {
            if (op.hasAttribute(n)) {
                return op.getAttribute(n);
            }
        }
        return dflt;
    }

    private Filter between(Element op, List<Element> args, Element filter) {
        if (args.size() != 3 || !"ogc:LowerBoundary".equals(key(args.get(1)))
                || !"ogc:UpperBoundary".equals(key(args.get(2)))) {
            cx.problem(op.getTagName() + " needs an expression, a LowerBoundary and an UpperBoundary in "
                    + cx.in(filter));
            return null;
        }
        Expression e = expression(args.get(0), filter);
        Expression lo = boundary(args.get(1), filter);
        Expression hi = boundary(args.get(2), filter);
        return e == null || lo == null || hi == null ? null : FF.between(e, lo, hi);
    }

    private Expression boundary(Element b, Element filter) {
        List<Element> es = children(b);
        if (es.size() != 1) {
            cx.problem(b.getTagName() + " needs exactly one expression in " + cx.in(filter));
            return null;
        }
        return expression(es.get(0), filter);
    }

    /** PropertyName, ValueReference, Literal, Add, Sub, Mul, Div; anything else is a problem and null. */
    Expression expression(Element e, Element filter) {
        String k = key(e);
        if (k.isEmpty() || !k.startsWith("ogc:")) {
            cx.unsupported(e, filter);
            return null;
        }
        switch (e.getLocalName()) {
            case "PropertyName", "ValueReference" -> {
                String name = text(e);
                if (name.contains("/") || name.contains("@") || name.contains("[")) {
                    cx.problem("XPath property name '" + name + "' is not supported in " + cx.in(filter));
                    return null;
                }
                name = name.substring(name.indexOf(':') + 1);
                if (name.isEmpty()) {
                    cx.problem("empty " + e.getTagName() + " in " + cx.in(filter));
                    return null;
                }
                return FF.property(name);
            }
            case "Literal" -> {
                if (!children(e).isEmpty()) {
                    cx.problem(e.getTagName() + " with element content (" + children(e).get(0).getTagName()
                            + ") is not supported in " + cx.in(filter));
                    return null;
                }
                return FF.literal(text(e));
            }
            case "Add", "Sub", "Mul", "Div" -> {
                List<Element> args = children(e);
                if (args.size() != 2) {
                    cx.problem(e.getTagName() + " needs exactly two operands in " + cx.in(filter));
                    return null;
                }
                Expression a = expression(args.get(0), filter);
                Expression b = expression(args.get(1), filter);
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
                cx.problem("function '" + e.getAttribute("name") + "' (" + e.getTagName() + ") is not supported in "
                        + cx.in(filter));
                return null;
            }
            default -> {
                cx.problem("unknown expression " + e.getTagName() + " in " + cx.in(filter));
                return null;
            }
        }
    }
}
