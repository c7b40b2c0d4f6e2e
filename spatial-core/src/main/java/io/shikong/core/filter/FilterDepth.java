package io.shikong.core.filter;

import io.shikong.core.error.InvalidParameterException;
import java.util.ArrayDeque;
import java.util.Deque;
import org.geotools.api.filter.BinaryComparisonOperator;
import org.geotools.api.filter.BinaryLogicOperator;
import org.geotools.api.filter.Not;
import org.geotools.api.filter.PropertyIsBetween;
import org.geotools.api.filter.PropertyIsLike;
import org.geotools.api.filter.PropertyIsNil;
import org.geotools.api.filter.PropertyIsNull;
import org.geotools.api.filter.expression.BinaryExpression;
import org.geotools.api.filter.expression.Function;
import org.geotools.api.filter.spatial.BinarySpatialOperator;
import org.geotools.api.filter.temporal.BinaryTemporalOperator;

/**
 * The deepest nesting a filter may have, in every language Shikong reads filters in: parentheses of ECQL
 * text ({@link Ecql}), elements of an FES or SLD filter ({@code io.shikong.core.fes.FilterReader}) and
 * operators and expressions of the parsed filter. The parsers, the SQL compiler and the in-memory evaluator
 * all recurse over a filter, so a filter nested some thousands of levels deep would overflow their stacks
 * (a 500); refused here, it is a 400 that names the limit and its configuration key.
 *
 * <p>The limit is {@code shikong.query.max-filter-depth}, {@value #DEFAULT} unless configured. It is one for
 * the process: the readers that need it are static parsers called from every protocol, and the service
 * sets it once at start ({@link #configure}); a process without configuration (tests, tools) has the default.
 *
 * @param max the deepest nesting accepted, at least 1
 */
public record FilterDepth(int max) {

    /** The default of {@code shikong.query.max-filter-depth}. */
    public static final int DEFAULT = 64;
    /** The configuration key named in refusals. */
    public static final String KEY = "shikong.query.max-filter-depth";

    private static volatile FilterDepth current = new FilterDepth(DEFAULT);

    public FilterDepth {
        if (max < 1) {
            throw new IllegalArgumentException(KEY + " must be at least 1, was " + max);
        }
    }

    /** Sets the process's limit (the service does so at start) and returns it. */
    public static FilterDepth configure(int max) {
        FilterDepth d = new FilterDepth(max);
        current = d;
        return d;
    }

    /** The process's limit. */
    public static FilterDepth current() {
        return current;
    }

    /** The refusal of a filter nested deeper than {@link #max}, on {@code locator}. */
    public InvalidParameterException tooDeep(String locator, String what) {
        return new InvalidParameterException(locator, "filter nested too deeply: " + what + " deeper than " + max
                + " levels (" + KEY + ")");
    }

    /**
     * Refuses ECQL text whose parentheses nest deeper than {@link #max}, before the recursive parser sees it.
     * Quoted literals ({@code 'it''s (not)'}) and double-quoted names do not count.
     */
    public void checkText(String text, String locator) {
        int depth = 0;
        char quote = 0;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (quote != 0) {
                if (c == quote) {
                    quote = 0; // a doubled quote closes and reopens: the same count
                }
            } else if (c == '\'' || c == '"') {
                quote = c;
            } else if (c == '(' || c == '[') {
                if (++depth > max) {
                    throw tooDeep(locator, "parentheses");
                }
            } else if ((c == ')' || c == ']') && depth > 0) {
                depth--;
            }
        }
    }

    /**
     * Refuses a parsed filter whose operators and expressions nest deeper than {@link #max} (a chain of
     * {@code a + a + a ...} or of NOTs parses into a deep tree without parentheses). The walk keeps its own
     * stack: a recursive visitor would overflow on exactly the filters it is meant to refuse.
     */
    public void checkTree(Object filter, String locator) {
        Deque<Object> nodes = new ArrayDeque<>();
        Deque<Integer> depths = new ArrayDeque<>();
        nodes.push(filter);
        depths.push(1);
        while (!nodes.isEmpty()) {
            Object n = nodes.pop();
            int d = depths.pop();
            if (n == null) {
                continue;
            }
            if (d > max) {
                throw tooDeep(locator, "operators");
            }
            for (Object child : children(n)) {
                nodes.push(child);
                depths.push(d + 1);
            }
        }
    }

    private static Object[] children(Object n) {
        if (n instanceof BinaryLogicOperator l) {
            return l.getChildren().toArray();
        } else if (n instanceof Not not) {
            return new Object[] {not.getFilter()};
        } else if (n instanceof BinaryComparisonOperator c) {
            return new Object[] {c.getExpression1(), c.getExpression2()};
        } else if (n instanceof PropertyIsLike like) {
            return new Object[] {like.getExpression()};
        } else if (n instanceof PropertyIsNull isNull) {
            return new Object[] {isNull.getExpression()};
        } else if (n instanceof PropertyIsNil nil) {
            return new Object[] {nil.getExpression()};
        } else if (n instanceof PropertyIsBetween b) {
            return new Object[] {b.getExpression(), b.getLowerBoundary(), b.getUpperBoundary()};
        } else if (n instanceof BinarySpatialOperator s) {
            return new Object[] {s.getExpression1(), s.getExpression2()};
        } else if (n instanceof BinaryTemporalOperator t) {
            return new Object[] {t.getExpression1(), t.getExpression2()};
        } else if (n instanceof BinaryExpression e) {
            return new Object[] {e.getExpression1(), e.getExpression2()};
        } else if (n instanceof Function f) {
            return f.getParameters() == null ? new Object[0] : f.getParameters().toArray();
        }
        return new Object[0];
    }
}
