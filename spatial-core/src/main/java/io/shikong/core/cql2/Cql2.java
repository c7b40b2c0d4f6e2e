package io.shikong.core.cql2;

import io.shikong.core.error.InvalidParameterException;
import io.shikong.core.filter.Ecql;
import io.shikong.core.filter.FilterDepth;
import java.util.List;
import java.util.function.UnaryOperator;
import org.geotools.api.filter.Filter;
import org.locationtech.jts.geom.Geometry;

/**
 * OGC CQL2 (OGC 21-065) in its Text and JSON encodings, parsed into GeoTools filters that the stores compile to
 * SQL. Both encodings of one filter give equal filters.
 *
 * <p>What comes out: AND/OR (n-ary, chains spliced), NOT; comparisons ({@code matchCase} true), LIKE (wildcards
 * {@code %} and {@code _}, escape {@code \}), BETWEEN, IN (an OR of equalities), IS NULL; {@code + - * /} (GeoTools' expressions) and {@code % div ^} ({@link Cql2Functions.Arithmetic});
 * CASEI and ACCENTI as {@link Cql2Functions.Casei} and {@link Cql2Functions.Accenti} (of a literal: folded into
 * the literal); the spatial functions as GeoTools' spatial operators with JTS geometry literals (WKT, GeoJSON,
 * BBOX as a polygon) passed through {@code literalTransform}; the temporal functions as GeoTools' temporal
 * operators ({@code T_DISJOINT} = NOT AnyInteracts) whose operands are properties, {@link java.time.LocalDate}
 * (DATE), {@link java.time.Instant} (TIMESTAMP, to the microsecond and beyond) or {@link Cql2Functions.Interval} (INTERVAL, ends possibly
 * {@code '..'}). A feature's valid time is {@code INTERVAL(valid_from, valid_to)}; a NULL {@code valid_to} (the
 * current version) is an open end.
 *
 * <p>Errors: an {@link InvalidParameterException} (400) on {@code locator} whose message says where ("column
 * 17: expected ')', found 'AND'"; "line 2, column 5: ..." for text or JSON of several lines) and what was
 * wrong: syntax, unbalanced parentheses, unknown functions or operators, bad WKT or GeoJSON, type mismatches
 * between literals, unterminated strings. Text longer than {@link Ecql#MAX_LENGTH} and filters nested deeper
 * than {@code shikong.query.max-filter-depth} ({@link FilterDepth}) are refused too. Property names and their
 * types are checked later, against the layer, by the store.
 */
public final class Cql2 {

    private static final String BASE = "http://www.opengis.net/spec/cql2/1.0/conf/";

    private Cql2() {
    }

    /**
     * CQL2 Text to a filter.
     *
     * @param text             e.g. {@code floors > 5 AND S_INTERSECTS(geom, BBOX(123.3, 41.7, 123.6, 41.9))}
     * @param locator          the parameter name reported on error ({@code filter})
     * @param literalTransform applied to every geometry literal as written (x/y as in the text), e.g. to set
     *                         the filter CRS or swap axes; {@code null} = as written
     * @return the filter; {@link Filter#INCLUDE} for blank text
     */
    public static Filter text(String text, String locator, UnaryOperator<Geometry> literalTransform) {
        if (text == null || text.isBlank()) {
            return Filter.INCLUDE;
        }
        checkLength(text, locator);
        FilterDepth depth = FilterDepth.current();
        depth.checkText(text, locator);
        Filter f = new Cql2TextParser(text, locator, new Cql2Builder(literalTransform)).parse();
        depth.checkTree(f, locator);
        return f;
    }

    /**
     * CQL2 JSON to a filter; the same as {@link #text} otherwise.
     *
     * @param json e.g. {@code {"op": ">", "args": [{"property": "floors"}, 5]}}
     */
    public static Filter json(String json, String locator, UnaryOperator<Geometry> literalTransform) {
        if (json == null || json.isBlank()) {
            return Filter.INCLUDE;
        }
        checkLength(json, locator);
        FilterDepth depth = FilterDepth.current();
        Filter f = new Cql2JsonParser(json, locator, new Cql2Builder(literalTransform), 2 * depth.max() + 8).parse();
        depth.checkTree(f, locator);
        return f;
    }

    /** The conformance classes of CQL2 this parser and the stores implement, as OGC API's conformance lists them. */
    public static List<String> conformanceClasses() {
        return List.of(
                BASE + "cql2-text",
                BASE + "cql2-json",
                BASE + "basic-cql2",
                BASE + "advanced-comparison-operators",
                BASE + "case-insensitive-comparison",
                BASE + "accent-insensitive-comparison",
                BASE + "basic-spatial-functions",
                BASE + "basic-spatial-functions-plus",
                BASE + "spatial-functions",
                BASE + "temporal-functions",
                BASE + "property-property",
                BASE + "arithmetic");
    }

    private static void checkLength(String text, String locator) {
        if (text.length() > Ecql.MAX_LENGTH) {
            throw new InvalidParameterException(locator, "filter is longer than " + Ecql.MAX_LENGTH + " characters");
        }
    }
}
