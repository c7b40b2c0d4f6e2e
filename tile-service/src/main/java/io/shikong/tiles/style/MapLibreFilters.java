package io.shikong.tiles.style;

import io.shikong.core.catalog.AttributeDefinition;
import io.shikong.core.catalog.AttributeType;
import io.shikong.core.catalog.LayerDefinition;
import io.shikong.core.feature.Values;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.geotools.api.filter.And;
import org.geotools.api.filter.BinaryComparisonOperator;
import org.geotools.api.filter.ExcludeFilter;
import org.geotools.api.filter.Filter;
import org.geotools.api.filter.IncludeFilter;
import org.geotools.api.filter.Not;
import org.geotools.api.filter.Or;
import org.geotools.api.filter.PropertyIsBetween;
import org.geotools.api.filter.PropertyIsEqualTo;
import org.geotools.api.filter.PropertyIsGreaterThan;
import org.geotools.api.filter.PropertyIsGreaterThanOrEqualTo;
import org.geotools.api.filter.PropertyIsLessThan;
import org.geotools.api.filter.PropertyIsLessThanOrEqualTo;
import org.geotools.api.filter.PropertyIsNotEqualTo;
import org.geotools.api.filter.PropertyIsNull;
import org.geotools.api.filter.expression.Expression;
import org.geotools.api.filter.expression.Literal;
import org.geotools.api.filter.expression.PropertyName;

/**
 * SLD rule filters as MapLibre filter expressions, for the simple filters styles use: comparisons of a property
 * with a literal ({@code ==}, {@code !=}, {@code <}, {@code <=}, {@code >}, {@code >=}, either side), Between,
 * IsNull, And, Or, Not. Literals take the type of the layer's attribute and the form the vector tiles give its
 * values (numbers, booleans; dates {@code yyyy-MM-dd} and timestamps {@code yyyy-MM-dd'T'HH:mm:ss.SSS'Z'} as
 * text, which then compares in time order). A null value is absent from a tile, so a comparison other than
 * {@code ==} first asks that the property be there, as SQL and the SLD renderer give nothing for null. Anything
 * else (Like, spatial, functions, ids) is not translated: {@link Optional#empty()}.
 */
final class MapLibreFilters {

    private static final DateTimeFormatter TIMESTAMP = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSS'Z'")
            .withZone(ZoneOffset.UTC);

    private final LayerDefinition layer;

    MapLibreFilters(LayerDefinition layer) {
        this.layer = layer;
    }

    /** The expression of a filter; {@code null} inside the optional when it selects everything. */
    Optional<Object> translate(Filter f) {
        try {
            return Optional.of(expression(f));
        } catch (UnsupportedOperationException e) {
            return Optional.empty();
        }
    }

    /** An expression that is true for no feature, for rules that can never apply. */
    static Object none() {
        return false;
    }

    private Object expression(Filter f) {
        if (f == null || f instanceof IncludeFilter) {
            return true;
        }
        if (f instanceof ExcludeFilter) {
            return false;
        }
        if (f instanceof And and) {
            return list("all", and.getChildren());
        }
        if (f instanceof Or or) {
            return list("any", or.getChildren());
        }
        if (f instanceof Not not) {
            return List.of("!", expression(not.getFilter()));
        }
        if (f instanceof PropertyIsNull isNull) {
            return List.of("!", List.of("has", property(isNull.getExpression())));
        }
        if (f instanceof PropertyIsBetween between) {
            String p = property(between.getExpression());
            Object lower = literal(p, between.getLowerBoundary());
            Object upper = literal(p, between.getUpperBoundary());
            return List.of("all", List.of("has", p), List.of(">=", get(p, lower), lower), List.of("<=", get(p, upper), upper));
        }
        if (f instanceof BinaryComparisonOperator c) {
            String op = operator(c);
            boolean reversed = !(c.getExpression1() instanceof PropertyName);
            Expression pe = reversed ? c.getExpression2() : c.getExpression1();
            Expression le = reversed ? c.getExpression1() : c.getExpression2();
            String p = property(pe);
            Object value = literal(p, le);
            if (reversed) {
                op = switch (op) {
                    case "<" -> ">";
                    case "<=" -> ">=";
                    case ">" -> "<";
                    case ">=" -> "<=";
                    default -> op;
                };
            }
            if (op.equals("==")) {
                return List.of("==", List.of("get", p), value);
            }
            return List.of("all", List.of("has", p), List.of(op, get(p, value), value));
        }
        throw new UnsupportedOperationException(f.getClass().getSimpleName());
    }

    private List<Object> list(String op, List<Filter> children) {
        List<Object> out = new ArrayList<>();
        out.add(op);
        for (Filter c : children) {
            out.add(expression(c));
        }
        return out;
    }

    private static String operator(BinaryComparisonOperator c) {
        if (c instanceof PropertyIsEqualTo) {
            return "==";
        }
        if (c instanceof PropertyIsNotEqualTo) {
            return "!=";
        }
        if (c instanceof PropertyIsLessThan) {
            return "<";
        }
        if (c instanceof PropertyIsLessThanOrEqualTo) {
            return "<=";
        }
        if (c instanceof PropertyIsGreaterThan) {
            return ">";
        }
        if (c instanceof PropertyIsGreaterThanOrEqualTo) {
            return ">=";
        }
        throw new UnsupportedOperationException(c.getClass().getSimpleName());
    }

    /** The property's value, typed like the literal it is compared with (no evaluation error on a mixed type). */
    private static Object get(String property, Object literal) {
        String cast = literal instanceof Number ? "to-number" : literal instanceof Boolean ? "to-boolean" : "to-string";
        return List.of(cast, List.of("get", property));
    }

    private static String property(Expression e) {
        if (e instanceof PropertyName p && p.getPropertyName() != null) {
            String n = p.getPropertyName();
            return n.contains(":") ? n.substring(n.indexOf(':') + 1) : n;
        }
        throw new UnsupportedOperationException("not a property: " + e);
    }

    /** A literal as the tiles carry values of the property's attribute. */
    private Object literal(String property, Expression e) {
        if (!(e instanceof Literal l) || l.getValue() == null) {
            throw new UnsupportedOperationException("not a literal: " + e);
        }
        Object v = l.getValue();
        AttributeType type = layer.attribute(property).map(AttributeDefinition::type).orElse(AttributeType.STRING);
        String text = String.valueOf(v).trim();
        try {
            return switch (type) {
                case INTEGER, LONG, DOUBLE -> {
                    double d = v instanceof Number n ? n.doubleValue() : Double.parseDouble(text);
                    yield d == Math.rint(d) && Math.abs(d) < 1e15 ? (Object) (long) d : (Object) d;
                }
                case BOOLEAN -> v instanceof Boolean b ? b : Boolean.parseBoolean(text);
                case DATE -> v instanceof LocalDate d ? d.toString() : LocalDate.parse(text.substring(0, 10)).toString();
                case TIMESTAMP -> TIMESTAMP.format(v instanceof Instant i ? i : Values.instant(text));
                case STRING -> String.valueOf(v);
            };
        } catch (RuntimeException bad) {
            throw new UnsupportedOperationException("literal " + v + " is no " + type, bad);
        }
    }
}
