package io.shikong.styles.render;

import io.shikong.core.feature.Feature;
import io.shikong.core.feature.Values;
import io.shikong.core.filter.LikePattern;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
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
import org.geotools.api.filter.PropertyIsLike;
import org.geotools.api.filter.PropertyIsNotEqualTo;
import org.geotools.api.filter.PropertyIsNull;
import org.geotools.api.filter.expression.Expression;
import org.geotools.api.filter.expression.Literal;
import org.geotools.api.filter.expression.PropertyName;

/**
 * Evaluates the filters of style rules against a feature in memory. GeoTools' own evaluation needs its
 * feature model; the rule filters SLD allows (logic and comparisons of a property with a literal) are
 * few, so they are evaluated here directly. Numbers compare as numbers, dates and times as instants,
 * everything else as text; a missing value matches only PropertyIsNull. PropertyIsLike is matched by a
 * {@link LikePattern}: no regular expression to backtrack, its time bounded by pattern × value length.
 */
public final class FeatureFilter {

    private FeatureFilter() {
    }

    /**
     * The filter as a predicate with the same answers as {@link #matches}, for evaluating it on many features: the
     * property names resolved, logic without streams, and a numeric literal written as text (SLD's way) parsed once
     * instead of per feature.
     */
    public static java.util.function.Predicate<Feature> compile(Filter f) {
        if (f == null || f instanceof IncludeFilter) {
            return feature -> true;
        }
        if (f instanceof ExcludeFilter) {
            return feature -> false;
        }
        if (f instanceof And and) {
            java.util.function.Predicate<Feature>[] parts = children(and.getChildren());
            return feature -> {
                for (java.util.function.Predicate<Feature> p : parts) {
                    if (!p.test(feature)) {
                        return false;
                    }
                }
                return true;
            };
        }
        if (f instanceof Or or) {
            java.util.function.Predicate<Feature>[] parts = children(or.getChildren());
            return feature -> {
                for (java.util.function.Predicate<Feature> p : parts) {
                    if (p.test(feature)) {
                        return true;
                    }
                }
                return false;
            };
        }
        if (f instanceof Not not) {
            java.util.function.Predicate<Feature> inner = compile(not.getFilter());
            return feature -> !inner.test(feature);
        }
        if (f instanceof PropertyIsNull isNull && isNull.getExpression() instanceof PropertyName p) {
            String name = name(p);
            return feature -> property(name, feature) == null;
        }
        if (f instanceof BinaryComparisonOperator cmp && cmp.getExpression1() instanceof PropertyName p
                && cmp.getExpression2() instanceof Literal l && l.getValue() != null) {
            return comparison(cmp, name(p), l.getValue());
        }
        return feature -> matches(f, feature);
    }

    @SuppressWarnings("unchecked")
    private static java.util.function.Predicate<Feature>[] children(java.util.List<Filter> children) {
        return children.stream().map(FeatureFilter::compile).toArray(java.util.function.Predicate[]::new);
    }

    /** {@code property op literal}, answering as {@link #matches} does. */
    private static java.util.function.Predicate<Feature> comparison(BinaryComparisonOperator f, String name, Object literal) {
        java.util.function.IntPredicate outcome;
        if (f instanceof PropertyIsEqualTo) {
            outcome = c -> c == 0;
        } else if (f instanceof PropertyIsNotEqualTo) {
            outcome = c -> c != 0;
        } else if (f instanceof PropertyIsLessThan) {
            outcome = c -> c < 0;
        } else if (f instanceof PropertyIsLessThanOrEqualTo) {
            outcome = c -> c <= 0;
        } else if (f instanceof PropertyIsGreaterThan) {
            outcome = c -> c > 0;
        } else if (f instanceof PropertyIsGreaterThanOrEqualTo) {
            outcome = c -> c >= 0;
        } else {
            return feature -> matches(f, feature);
        }
        boolean notEqual = f instanceof PropertyIsNotEqualTo;
        // a number written as text: parsed once (compare() parses it per feature when the property is a number)
        Long integral = null;
        if (!(literal instanceof Number)) {
            try {
                BigDecimal d = new BigDecimal(String.valueOf(literal).trim());
                integral = d.stripTrailingZeros().scale() <= 0 ? d.longValueExact() : null;
            } catch (NumberFormatException | ArithmeticException e) {
                integral = null;
            }
        }
        Long whole = integral;
        String text = literal instanceof String str ? str : null;
        return feature -> {
            Object a = property(name, feature);
            if (a == null) {
                return notEqual;
            }
            if (text != null && a instanceof String s) {
                return outcome.test(s.compareTo(text));
            }
            if (whole != null && (a instanceof Integer || a instanceof Long)) {
                return outcome.test(Long.compare(((Number) a).longValue(), whole));
            }
            return outcome.test(compare(a, literal));
        };
    }

    private static String name(PropertyName p) {
        String name = p.getPropertyName();
        return name.contains(":") ? name.substring(name.indexOf(':') + 1) : name;
    }

    private static Object property(String name, Feature f) {
        if (name.equals("valid_from")) {
            return f.validFrom();
        }
        if (name.equals("valid_to")) {
            return f.validTo();
        }
        return f.get(name);
    }

    public static boolean matches(Filter f, Feature feature) {
        if (f == null || f instanceof IncludeFilter) {
            return true;
        }
        if (f instanceof ExcludeFilter) {
            return false;
        }
        if (f instanceof And and) {
            return and.getChildren().stream().allMatch(c -> matches(c, feature));
        }
        if (f instanceof Or or) {
            return or.getChildren().stream().anyMatch(c -> matches(c, feature));
        }
        if (f instanceof Not not) {
            return !matches(not.getFilter(), feature);
        }
        if (f instanceof PropertyIsNull isNull) {
            return value(isNull.getExpression(), feature) == null;
        }
        if (f instanceof PropertyIsBetween between) {
            Object v = value(between.getExpression(), feature);
            Object lo = value(between.getLowerBoundary(), feature);
            Object hi = value(between.getUpperBoundary(), feature);
            return v != null && compare(v, lo) >= 0 && compare(v, hi) <= 0;
        }
        if (f instanceof PropertyIsLike like) {
            Object v = value(like.getExpression(), feature);
            return v != null && LikePattern.of(like).matches(String.valueOf(v));
        }
        if (f instanceof BinaryComparisonOperator cmp) {
            Object a = value(cmp.getExpression1(), feature);
            Object b = value(cmp.getExpression2(), feature);
            if (a == null || b == null) {
                return f instanceof PropertyIsNotEqualTo && (a != null || b != null);
            }
            int c = compare(a, b);
            if (f instanceof PropertyIsEqualTo) {
                return c == 0;
            }
            if (f instanceof PropertyIsNotEqualTo) {
                return c != 0;
            }
            if (f instanceof PropertyIsLessThan) {
                return c < 0;
            }
            if (f instanceof PropertyIsLessThanOrEqualTo) {
                return c <= 0;
            }
            if (f instanceof PropertyIsGreaterThan) {
                return c > 0;
            }
            if (f instanceof PropertyIsGreaterThanOrEqualTo) {
                return c >= 0;
            }
        }
        throw new IllegalArgumentException("style rule filter " + f.getClass().getSimpleName() + " is not supported");
    }

    private static Object value(Expression e, Feature f) {
        if (e instanceof PropertyName p) {
            String name = p.getPropertyName();
            if (name.contains(":")) {
                name = name.substring(name.indexOf(':') + 1);
            }
            if (name.equals("valid_from")) {
                return f.validFrom();
            }
            if (name.equals("valid_to")) {
                return f.validTo();
            }
            return f.get(name);
        }
        if (e instanceof Literal l) {
            return l.getValue();
        }
        if (e instanceof org.geotools.api.filter.expression.BinaryExpression b) {
            Object x = value(b.getExpression1(), f);
            Object y = value(b.getExpression2(), f);
            if (x == null || y == null) {
                return null;
            }
            try {
                double p = Double.parseDouble(String.valueOf(x).trim());
                double q = Double.parseDouble(String.valueOf(y).trim());
                if (e instanceof org.geotools.api.filter.expression.Add) {
                    return p + q;
                }
                if (e instanceof org.geotools.api.filter.expression.Subtract) {
                    return p - q;
                }
                if (e instanceof org.geotools.api.filter.expression.Multiply) {
                    return p * q;
                }
                return q == 0 ? null : p / q;
            } catch (NumberFormatException ex) {
                return null; // arithmetic on text matches nothing
            }
        }
        throw new IllegalArgumentException("style rule filters compare properties with literals only");
    }

    private static int compare(Object a, Object b) {
        if (a instanceof Number && b instanceof Number) {
            return Double.compare(((Number) a).doubleValue(), ((Number) b).doubleValue());
        }
        if (a instanceof Number || b instanceof Number) {
            try {
                return new BigDecimal(String.valueOf(a).trim()).compareTo(new BigDecimal(String.valueOf(b).trim()));
            } catch (NumberFormatException e) {
                return String.valueOf(a).compareTo(String.valueOf(b));
            }
        }
        if (a instanceof Instant || a instanceof LocalDate || b instanceof Instant || b instanceof LocalDate) {
            try {
                return Values.instant(a).compareTo(Values.instant(b));
            } catch (RuntimeException e) {
                return String.valueOf(a).compareTo(String.valueOf(b));
            }
        }
        return String.valueOf(a).compareTo(String.valueOf(b));
    }
}
