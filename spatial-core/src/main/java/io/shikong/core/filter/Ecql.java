package io.shikong.core.filter;

import io.shikong.core.error.InvalidParameterException;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import org.geotools.api.filter.And;
import org.geotools.api.filter.BinaryLogicOperator;
import org.geotools.api.filter.Filter;
import org.geotools.api.filter.FilterFactory;
import org.geotools.api.filter.Not;
import org.geotools.api.filter.Or;
import org.geotools.factory.CommonFactoryFinder;
import org.geotools.filter.text.cql2.CQLException;
import org.geotools.filter.text.ecql.ECQL;

/**
 * Parses ECQL text (the GeoTools CQL module) into a {@link Filter}, turning syntax errors into 400s. GeoTools'
 * parser is a recursive descent parser: text nested deeper than {@link FilterDepth} (parentheses, and
 * operators in the parsed filter) is refused before and after it runs. A chain {@code a AND b AND c ...}
 * comes out of the parser as nested binary operators; it is flattened into one operator of all its operands
 * (the same filter), so that a long list of conditions is not mistaken for deep nesting.
 */
public final class Ecql {

    /** Longer filters are refused before parsing: a filter is a query, not a payload. */
    public static final int MAX_LENGTH = 64 * 1024;
    private static final FilterFactory FF = CommonFactoryFinder.getFilterFactory();

    private Ecql() {
    }

    /**
     * @param text    ECQL, e.g. {@code floors > 10 AND INTERSECTS(geom, POLYGON((...)))}
     * @param locator the parameter name to report on error
     * @return the filter; {@link Filter#INCLUDE} for blank text
     * @throws InvalidParameterException with the parser's message and position when the text is not ECQL, or
     *                                   naming {@code shikong.query.max-filter-depth} when it nests too deeply
     */
    public static Filter parse(String text, String locator) {
        if (text == null || text.isBlank()) {
            return Filter.INCLUDE;
        }
        if (text.length() > MAX_LENGTH) {
            throw new InvalidParameterException(locator, "filter is longer than " + MAX_LENGTH + " characters");
        }
        FilterDepth depth = FilterDepth.current();
        depth.checkText(text, locator);
        Filter filter;
        try {
            filter = ECQL.toFilter(text);
        } catch (CQLException e) {
            String message = e.getMessage() == null ? "syntax error" : e.getMessage().strip();
            // the parser lists every token it could have accepted; the first line says what and where
            int expecting = message.indexOf("Was expecting");
            if (expecting > 0) {
                message = message.substring(0, expecting).strip();
            }
            throw new InvalidParameterException(locator, "Invalid ECQL filter: " + message, e);
        } catch (RuntimeException e) {
            throw new InvalidParameterException(locator, "Invalid ECQL filter: " + e, e);
        } catch (AssertionError e) {
            // GeoTools' geometry builders check malformed literals (MULTIPOLYGON()((...))) with assert: with
            // assertions on (as in the tests) that is an Error, without them the IndexOutOfBounds caught above
            throw new InvalidParameterException(locator, "Invalid ECQL filter: a malformed geometry", e);
        }
        filter = flatten(filter);
        depth.checkTree(filter, locator);
        return filter;
    }

    /**
     * {@code And(And(a, b), c)} as {@code And(a, b, c)}, the same for Or, at any depth. The operands of a chain
     * are gathered with a stack of their own (a chain can be thousands long); recursion happens only where
     * And, Or and Not alternate, which takes parentheses, bounded by {@link FilterDepth#checkText}.
     */
    static Filter flatten(Filter f) {
        if (f instanceof Not not) {
            return FF.not(flatten(not.getFilter()));
        }
        if (!(f instanceof And) && !(f instanceof Or)) {
            return f;
        }
        List<Filter> operands = new ArrayList<>();
        Deque<Filter> todo = new ArrayDeque<>();
        todo.push(f);
        while (!todo.isEmpty()) {
            Filter n = todo.pop();
            if (n instanceof BinaryLogicOperator l && (f instanceof And ? n instanceof And : n instanceof Or)) {
                List<Filter> children = l.getChildren();
                for (int i = children.size() - 1; i >= 0; i--) {
                    todo.push(children.get(i));
                }
            } else {
                operands.add(flatten(n));
            }
        }
        return f instanceof And ? FF.and(operands) : FF.or(operands);
    }
}
