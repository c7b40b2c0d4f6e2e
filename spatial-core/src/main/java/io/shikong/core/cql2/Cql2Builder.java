package io.shikong.core.cql2;

import io.shikong.core.cql2.Term.Kind;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.UnaryOperator;
import org.geotools.api.filter.And;
import org.geotools.api.filter.Filter;
import org.geotools.api.filter.FilterFactory;
import org.geotools.api.filter.Or;
import org.geotools.api.filter.expression.Expression;
import org.geotools.api.filter.expression.Literal;
import org.geotools.factory.CommonFactoryFinder;
import org.locationtech.jts.geom.Geometry;

/**
 * Builds the GeoTools filter of CQL2 operators from parsed operands, for both encodings alike (so that the
 * Text and JSON of one filter give equal filters), checking the operand types the parser knows. A problem is a
 * {@link Cql2Error} without a position; the parser adds where.
 */
final class Cql2Builder {

    static final FilterFactory FF = CommonFactoryFinder.getFilterFactory();

    /** The spatial functions of CQL2 (Basic Spatial: S_INTERSECTS; Spatial Functions: all). */
    static final List<String> SPATIAL = List.of("S_INTERSECTS", "S_CONTAINS", "S_CROSSES", "S_DISJOINT", "S_EQUALS",
            "S_OVERLAPS", "S_TOUCHES", "S_WITHIN");
    /** The temporal functions of CQL2. */
    static final List<String> TEMPORAL = List.of("T_AFTER", "T_BEFORE", "T_CONTAINS", "T_DISJOINT", "T_DURING",
            "T_EQUALS", "T_FINISHEDBY", "T_FINISHES", "T_INTERSECTS", "T_MEETS", "T_METBY", "T_OVERLAPPEDBY",
            "T_OVERLAPS", "T_STARTEDBY", "T_STARTS");
    /** The array functions of CQL2, which Shikong does not have (no property is an array). */
    static final List<String> ARRAY = List.of("A_EQUALS", "A_CONTAINS", "A_CONTAINEDBY", "A_OVERLAPS");

    private final UnaryOperator<Geometry> literalTransform;

    Cql2Builder(UnaryOperator<Geometry> literalTransform) {
        this.literalTransform = literalTransform == null ? UnaryOperator.identity() : literalTransform;
    }

    /** A problem with the operands; the parser says where. */
    static final class Cql2Error extends RuntimeException {
        Cql2Error(String message) {
            super(message, null, false, false);
        }
    }

    // ---- operands

    Term property(String name) {
        if (name.isEmpty()) {
            throw new Cql2Error("a property name is empty");
        }
        return new Term(FF.property(name), Kind.PROPERTY, false);
    }

    Term string(String s) {
        return new Term(FF.literal(s), Kind.STRING, true);
    }

    Term number(Number n) {
        return new Term(FF.literal(n), Kind.NUMBER, true);
    }

    Term bool(boolean b) {
        return new Term(FF.literal(b), Kind.BOOLEAN, true);
    }

    Term date(String text) {
        return new Term(FF.literal(Cql2Time.date(text)), Kind.DATE, true);
    }

    Term timestamp(String text) {
        return new Term(FF.literal(Cql2Time.timestamp(text)), Kind.TIMESTAMP, true);
    }

    Term geometry(Geometry g) {
        Geometry t = literalTransform.apply(g);
        return new Term(FF.literal(t), Kind.GEOMETRY, true);
    }

    /** An end of an INTERVAL: {@code '..'}, a date or timestamp (as text or literal), a property. */
    Term intervalEnd(Term t) {
        if (t.kind() == Kind.STRING && t.literal()) {
            String s = (String) ((Literal) t.node()).getValue();
            if (s.equals(Cql2Functions.Interval.OPEN)) {
                return t;
            }
            return s.length() <= 10 ? date(s) : timestamp(s);
        }
        if (t.instant() || t.kind() == Kind.PROPERTY) {
            return t;
        }
        throw new Cql2Error("an end of an INTERVAL is a date, a timestamp, '..' or a property, not " + t.kind().description);
    }

    Term interval(Term start, Term end) {
        Term s = intervalEnd(start);
        Term e = intervalEnd(end);
        return new Term(new Cql2Functions.Interval((Expression) s.node(), (Expression) e.node()), Kind.INTERVAL,
                s.literal() && e.literal());
    }

    Term casei(Term t) {
        requireText(t, "CASEI");
        if (t.literal()) {
            return string(Cql2Functions.lower((String) ((Literal) t.node()).getValue()));
        }
        return new Term(new Cql2Functions.Casei((Expression) t.node()), Kind.STRING, false);
    }

    Term accenti(Term t) {
        requireText(t, "ACCENTI");
        if (t.literal()) {
            return string(Cql2Functions.unaccent((String) ((Literal) t.node()).getValue()));
        }
        return new Term(new Cql2Functions.Accenti((Expression) t.node()), Kind.STRING, false);
    }

    private static void requireText(Term t, String function) {
        if (t.kind() != Kind.STRING && t.kind() != Kind.PROPERTY) {
            throw new Cql2Error(function + " takes a character string or a property, not " + t.kind().description);
        }
    }

    /** {@code + - * /} of two numeric operands. */
    Term arithmetic(String op, Term a, Term b) {
        for (Term t : List.of(a, b)) {
            if (t.kind() != Kind.NUMBER && t.kind() != Kind.PROPERTY) {
                throw new Cql2Error("arithmetic operator '" + op + "' takes numbers or properties, not " + t.kind().description);
            }
        }
        Expression x = (Expression) a.node();
        Expression y = (Expression) b.node();
        Expression e = switch (op) {
            case "+" -> FF.add(x, y);
            case "-" -> FF.subtract(x, y);
            case "*" -> FF.multiply(x, y);
            case "/" -> FF.divide(x, y);
            case "%" -> new Cql2Functions.Arithmetic(Cql2Functions.Arithmetic.MOD, x, y);
            case "div" -> new Cql2Functions.Arithmetic(Cql2Functions.Arithmetic.DIV, x, y);
            case "^" -> new Cql2Functions.Arithmetic(Cql2Functions.Arithmetic.POWER, x, y);
            default -> throw new Cql2Error("unknown arithmetic operator '" + op + "'");
        };
        return new Term(e, Kind.NUMBER, false);
    }

    Term negate(Term a) {
        if (a.kind() == Kind.NUMBER && a.literal()) {
            Object v = ((Literal) a.node()).getValue();
            return number(v instanceof Long l && l != Long.MIN_VALUE ? (Number) (-l) : (Number) (-((Number) v).doubleValue()));
        }
        return arithmetic("-", number(0L), a);
    }

    // ---- predicates

    Term filter(Filter f) {
        return new Term(f, Kind.FILTER, false);
    }

    /** A term standing as a predicate: a filter, or a boolean literal (TRUE, FALSE). */
    Filter predicate(Term t) {
        if (t.kind() == Kind.FILTER) {
            return (Filter) t.node();
        }
        if (t.kind() == Kind.BOOLEAN && t.literal()) {
            return Boolean.TRUE.equals(((Literal) t.node()).getValue()) ? Filter.INCLUDE : Filter.EXCLUDE;
        }
        throw new Cql2Error("expected a predicate (a comparison, a spatial or temporal function, TRUE or FALSE), found "
                + t.kind().description);
    }

    Filter and(List<Filter> operands) {
        return logic(true, operands);
    }

    Filter or(List<Filter> operands) {
        return logic(false, operands);
    }

    /** An n-ary AND or OR, its operands of the same operator spliced in: (a AND b) AND c is a AND b AND c. */
    private Filter logic(boolean and, List<Filter> operands) {
        if (operands.size() == 1) {
            return operands.get(0);
        }
        List<Filter> flat = new ArrayList<>();
        for (Filter f : operands) {
            if (and && f instanceof And a) {
                flat.addAll(a.getChildren());
            } else if (!and && f instanceof Or o) {
                flat.addAll(o.getChildren());
            } else {
                flat.add(f);
            }
        }
        return and ? FF.and(flat) : FF.or(flat);
    }

    Filter not(Filter f) {
        return FF.not(f);
    }

    Filter compare(String op, Term a, Term b) {
        checkComparable(a, b, "'" + op + "'");
        Expression x = (Expression) a.node();
        Expression y = (Expression) b.node();
        return switch (op) {
            case "=" -> FF.equal(x, y, true);
            case "<>" -> FF.notEqual(x, y, true);
            case "<" -> FF.less(x, y, true);
            case "<=" -> FF.lessOrEqual(x, y, true);
            case ">" -> FF.greater(x, y, true);
            case ">=" -> FF.greaterOrEqual(x, y, true);
            default -> throw new Cql2Error("unknown comparison operator '" + op + "'");
        };
    }

    private static void checkComparable(Term a, Term b, String what) {
        for (Term t : List.of(a, b)) {
            if (!t.scalar()) {
                throw new Cql2Error(what + " compares scalar values, not " + t.kind().description);
            }
        }
        if (a.kind() != Kind.PROPERTY && b.kind() != Kind.PROPERTY && a.kind() != b.kind()
                && !(a.instant() && b.instant())) {
            throw new Cql2Error("type mismatch: " + what + " cannot compare " + a.kind().description + " with "
                    + b.kind().description);
        }
    }

    Filter like(Term a, Term pattern) {
        if (a.kind() != Kind.STRING && a.kind() != Kind.PROPERTY) {
            throw new Cql2Error("LIKE matches a character string or a property, not " + a.kind().description);
        }
        if (pattern.kind() != Kind.STRING || !pattern.literal()) {
            throw new Cql2Error("the pattern of LIKE is a character string literal, not " + pattern.kind().description);
        }
        String p = (String) ((Literal) pattern.node()).getValue();
        return FF.like((Expression) a.node(), p, "%", "_", "\\", true);
    }

    Filter between(Term a, Term low, Term high) {
        checkComparable(a, low, "BETWEEN");
        checkComparable(a, high, "BETWEEN");
        checkComparable(low, high, "BETWEEN");
        for (Term t : List.of(a, low, high)) {
            if (t.kind() == Kind.STRING || t.kind() == Kind.BOOLEAN) {
                throw new Cql2Error("BETWEEN takes numbers, not " + t.kind().description);
            }
        }
        return FF.between((Expression) a.node(), (Expression) low.node(), (Expression) high.node());
    }

    Filter in(Term a, List<Term> list) {
        if (list.isEmpty()) {
            throw new Cql2Error("IN needs at least one value");
        }
        List<Filter> equals = new ArrayList<>();
        for (Term t : list) {
            equals.add(compare("=", a, t));
        }
        return or(equals);
    }

    Filter isNull(Term a) {
        if (a.kind() == Kind.FILTER) {
            throw new Cql2Error("IS NULL tests a value, not " + a.kind().description);
        }
        return FF.isNull((Expression) a.node());
    }

    Filter spatial(String function, Term a, Term b) {
        for (Term t : List.of(a, b)) {
            if (t.kind() != Kind.GEOMETRY && t.kind() != Kind.PROPERTY) {
                throw new Cql2Error(function + " takes geometries or properties, not " + t.kind().description);
            }
        }
        Expression x = (Expression) a.node();
        Expression y = (Expression) b.node();
        return switch (function) {
            case "S_INTERSECTS" -> FF.intersects(x, y);
            case "S_CONTAINS" -> FF.contains(x, y);
            case "S_CROSSES" -> FF.crosses(x, y);
            case "S_DISJOINT" -> FF.disjoint(x, y);
            case "S_EQUALS" -> FF.equal(x, y);
            case "S_OVERLAPS" -> FF.overlaps(x, y);
            case "S_TOUCHES" -> FF.touches(x, y);
            case "S_WITHIN" -> FF.within(x, y);
            default -> throw new Cql2Error("unknown spatial function " + function);
        };
    }

    Filter temporal(String function, Term a, Term b) {
        for (Term t : List.of(a, b)) {
            if (!t.instant() && t.kind() != Kind.INTERVAL && t.kind() != Kind.PROPERTY) {
                throw new Cql2Error(function + " takes dates, timestamps, intervals or properties, not "
                        + t.kind().description);
            }
        }
        Expression x = (Expression) a.node();
        Expression y = (Expression) b.node();
        return switch (function) {
            case "T_AFTER" -> FF.after(x, y);
            case "T_BEFORE" -> FF.before(x, y);
            case "T_CONTAINS" -> FF.tcontains(x, y);
            case "T_DISJOINT" -> FF.not(FF.anyInteracts(x, y));
            case "T_DURING" -> FF.during(x, y);
            case "T_EQUALS" -> FF.tequals(x, y);
            case "T_FINISHEDBY" -> FF.endedBy(x, y);
            case "T_FINISHES" -> FF.ends(x, y);
            case "T_INTERSECTS" -> FF.anyInteracts(x, y);
            case "T_MEETS" -> FF.meets(x, y);
            case "T_METBY" -> FF.metBy(x, y);
            case "T_OVERLAPPEDBY" -> FF.overlappedBy(x, y);
            case "T_OVERLAPS" -> FF.toverlaps(x, y);
            case "T_STARTEDBY" -> FF.begunBy(x, y);
            case "T_STARTS" -> FF.begins(x, y);
            default -> throw new Cql2Error("unknown temporal function " + function);
        };
    }

    /** A function CQL2 names that is not one of the above: refused with what is known. */
    static Cql2Error unknownFunction(String name) {
        String upper = name.toUpperCase(Locale.ROOT);
        if (ARRAY.contains(upper)) {
            return new Cql2Error("array function " + name + " is not supported (no property is an array)");
        }
        return new Cql2Error("unknown function '" + name + "' (functions: CASEI, ACCENTI, " + String.join(", ", SPATIAL)
                + ", " + String.join(", ", TEMPORAL) + ")");
    }
}
