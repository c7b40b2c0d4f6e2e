package io.shikong.core.cql2;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.shikong.core.error.InvalidParameterException;
import io.shikong.core.filter.Ecql;
import io.shikong.core.filter.FilterDepth;
import java.time.Instant;
import java.time.LocalDate;
import org.geotools.api.filter.And;
import org.geotools.api.filter.Filter;
import org.geotools.api.filter.Not;
import org.geotools.api.filter.Or;
import org.geotools.api.filter.PropertyIsEqualTo;
import org.geotools.api.filter.PropertyIsLike;
import org.geotools.api.filter.expression.Literal;
import org.geotools.api.filter.spatial.Intersects;
import org.geotools.api.filter.temporal.AnyInteracts;
import org.geotools.api.filter.temporal.During;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.locationtech.jts.geom.Coordinate;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.geom.Point;

/**
 * CQL2 Text and JSON to filters: the shapes they give, and every kind of bad input a 400 that says where (the
 * examples of the standard, run against both stores, are store-jdbc's Cql2ConformanceContract).
 */
class Cql2Test {

    @Test
    void blankIsEverything() {
        assertThat(Cql2.text("  ", "filter", null)).isEqualTo(Filter.INCLUDE);
        assertThat(Cql2.json("", "filter", null)).isEqualTo(Filter.INCLUDE);
        assertThat(Cql2.text(null, "filter", null)).isEqualTo(Filter.INCLUDE);
    }

    @Test
    void chainsOfAndAndOrAreOneOperatorAndInIsAnOrOfEqualities() {
        Filter f = Cql2.text("a = 1 AND (b = 2 AND c = 3) AND d IN ('x', 'y')", "filter", null);
        assertThat(f).isInstanceOf(And.class);
        assertThat(((And) f).getChildren()).hasSize(4);
        assertThat(((And) f).getChildren().get(3)).isInstanceOf(Or.class);
        assertThat(Cql2.text("d IN ('x')", "filter", null)).isInstanceOf(PropertyIsEqualTo.class);
    }

    @Test
    void notLikeIsNotOfALikeWithCql2sWildcards() {
        Filter f = Cql2.text("name NOT LIKE 'a\\%b_%'", "filter", null);
        PropertyIsLike like = (PropertyIsLike) ((Not) f).getFilter();
        assertThat(like.getLiteral()).isEqualTo("a\\%b_%");
        assertThat(like.getWildCard()).isEqualTo("%");
        assertThat(like.getSingleChar()).isEqualTo("_");
        assertThat(like.getEscape()).isEqualTo("\\");
        assertThat(like.isMatchingCase()).isTrue();
    }

    @Test
    void caseiAndAccentiOfALiteralAreFoldedAndOfAPropertyAreFunctions() {
        PropertyIsEqualTo eq = (PropertyIsEqualTo) Cql2.text("CASEI(ACCENTI(name)) = CASEI(ACCENTI('ÉTÉ Straße'))", "f", null);
        assertThat(eq.getExpression1()).isInstanceOf(Cql2Functions.Casei.class);
        assertThat(((Cql2Functions.Casei) eq.getExpression1()).getParameters().get(0)).isInstanceOf(Cql2Functions.Accenti.class);
        assertThat(((Literal) eq.getExpression2()).getValue()).isEqualTo("ete straße");
        assertThat(Cql2Functions.unaccent("Ñandú Çà")).isEqualTo("Nandu Ca");
    }

    @Test
    void temporalLiteralsAndIntervalsWithOpenEnds() {
        During d = (During) Cql2.text("T_DURING(INTERVAL(valid_from, valid_to), INTERVAL('2020-01-01', '..'))", "f", null);
        Cql2Functions.Interval valid = (Cql2Functions.Interval) d.getExpression1();
        assertThat(valid.start().toString()).isEqualTo("valid_from");
        Cql2Functions.Interval literal = (Cql2Functions.Interval) d.getExpression2();
        assertThat(((Literal) literal.start()).getValue()).isEqualTo(LocalDate.parse("2020-01-01"));
        assertThat(((Literal) literal.end()).getValue()).isEqualTo(Cql2Functions.Interval.OPEN);
        Not disjoint = (Not) Cql2.text("T_DISJOINT(t, TIMESTAMP('2020-01-01T00:00:00.123456Z'))", "f", null);
        AnyInteracts any = (AnyInteracts) disjoint.getFilter();
        assertThat(((Literal) any.getExpression2()).getValue()).isEqualTo(Instant.parse("2020-01-01T00:00:00.123456Z"));
    }

    @Test
    void geometryLiteralsGoThroughTheTransformAsWritten() {
        Intersects i = (Intersects) Cql2.text("S_INTERSECTS(geom, POINT(41.8 123.4))", "f", Cql2Test::swap);
        Point p = (Point) ((Literal) i.getExpression2()).getValue();
        assertThat(p.getX()).isEqualTo(123.4);
        Intersects j = (Intersects) Cql2.json("{\"op\": \"s_intersects\", \"args\": [{\"property\": \"geom\"},"
                + " {\"type\": \"Point\", \"coordinates\": [41.8, 123.4]}]}", "f", Cql2Test::swap);
        assertThat(j).isEqualTo(i);
        Intersects box = (Intersects) Cql2.text("S_INTERSECTS(geom, BBOX(1, 2, 3, 4))", "f", null);
        assertThat(((Geometry) ((Literal) box.getExpression2()).getValue()).getEnvelopeInternal().getMaxY()).isEqualTo(4);
    }

    private static Geometry swap(Geometry g) {
        Geometry c = g.copy();
        c.apply((org.locationtech.jts.geom.CoordinateFilter) (Coordinate xy) -> {
            double t = xy.x;
            xy.x = xy.y;
            xy.y = t;
        });
        c.geometryChanged();
        return c;
    }

    @Test
    void textAndJsonGiveEqualFilters() {
        String text = "floors > 5 AND NOT (name LIKE 'A%' OR owner IS NULL) AND value BETWEEN -1 AND 2.5"
                + " AND T_AFTER(built, DATE('2015-01-01')) AND S_WITHIN(geom, BBOX(0, 0, 1, 1)) AND casei(a) = CASEI('X')";
        String json = """
                {"op": "and", "args": [
                  {"op": ">", "args": [{"property": "floors"}, 5]},
                  {"op": "not", "args": [{"op": "or", "args": [
                    {"op": "like", "args": [{"property": "name"}, "A%"]},
                    {"op": "isNull", "args": [{"property": "owner"}]}]}]},
                  {"op": "between", "args": [{"property": "value"}, -1, 2.5]},
                  {"op": "t_after", "args": [{"property": "built"}, {"date": "2015-01-01"}]},
                  {"op": "s_within", "args": [{"property": "geom"}, {"bbox": [0, 0, 1, 1]}]},
                  {"op": "=", "args": [{"op": "casei", "args": [{"property": "a"}]}, {"op": "casei", "args": ["X"]}]}]}
                """;
        assertThat(Cql2.json(json, "filter", null)).hasToString(Cql2.text(text, "filter", null).toString());
    }

    @Test
    void conformanceClassesAreCql2s() {
        assertThat(Cql2.conformanceClasses()).isNotEmpty()
                .allMatch(c -> c.startsWith("http://www.opengis.net/spec/cql2/1.0/conf/"))
                .contains("http://www.opengis.net/spec/cql2/1.0/conf/basic-cql2",
                        "http://www.opengis.net/spec/cql2/1.0/conf/temporal-functions",
                        "http://www.opengis.net/spec/cql2/1.0/conf/cql2-json",
                        "http://www.opengis.net/spec/cql2/1.0/conf/arithmetic");
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', quoteCharacter = '`', value = {
        "floors > 5 AND (name = 'a'| column 27: expected ')', found the end of the filter",
        "floors > 5)| column 11: expected AND, OR or the end of the filter, found ')'",
        "FOO(a, b) = 1| column 1: unknown function 'FOO'",
        "floors >> 5| column 9: expected a value, a property or a predicate, found '>'",
        "S_INTERSECTS(geom, POLYGON((1 2, 3 4, 5 6)))| column 20: invalid WKT geometry",
        "S_INTERSECTS(geom, POINT(1))| column 20: invalid WKT geometry",
        "S_INTERSECTS(geom, POINT(1 2)| column 30: expected ')', found the end of the filter",
        "S_INTERSECTS(geom, POINT(1 2| column 20: expected a WKT geometry with balanced parentheses",
        "name = 'abc| column 8: unterminated string",
        "name = \"abc| column 8: unterminated quoted name",
        "floors = 'a' + 1| column 14: arithmetic operator '+' takes numbers or properties, not a character string",
        "5 = 'five'| column 3: type mismatch: '=' cannot compare a number with a character string",
        "S_INTERSECTS(geom, 5)| column 1: S_INTERSECTS takes geometries or properties, not a number",
        "T_AFTER(built, 'yesterday')| column 1: T_AFTER takes dates, timestamps, intervals or properties, not a character string",
        "built = DATE('2020-13-01')| column 14: '2020-13-01' is not a date",
        "updated = TIMESTAMP('2020-01-01 10:00')| column 21: '2020-01-01 10:00' is not a timestamp",
        "name LIKE 5| column 6: the pattern of LIKE is a character string literal, not a number",
        "floors BETWEEN 1 AND| column 21: expected a value, a property or a predicate, found the end of the filter",
        "T_AFTER(INTERVAL('2020-01-01'), x)| column 30: expected ',', found ')'",
        "T_AFTER(INTERVAL(5, '..'), x)| column 18: an end of an INTERVAL is a date, a timestamp, '..' or a property, not a number",
        "`floors > 5\nAND name = `| line 2, column 12: expected a value",
        "A_EQUALS(tags, ('a', 'b'))| column 1: array function A_EQUALS is not supported",
        "floors ^ 2 ^ 3 = 0| column 12: expected AND, OR or the end of the filter, found '^'",
        "'a' % 2 = 0| column 5: arithmetic operator '%' takes numbers or properties, not a character string",
        "S_INTERSECTS(geom, BBOX(1, 2, 3))| column 20: BBOX has 4 numbers",
        "S_INTERSECTS(geom, BBOX(3, 2, 1, 4))| column 20: BBOX's west edge 3.0 is east of its east edge 1.0",
        "floors > 5 # 6| column 12: unexpected character '#'",
        "1e999 > floors| column 1: the number 1e999 is out of range",
        "floors| column 1: expected a predicate",
        "NOT floors| column 5: expected a predicate",
        "floors > 5 AND 7| column 16: expected a predicate",
        "floors IS 5| column 11: expected NULL, found '5'",
        "floors NOT 5| column 12: expected LIKE, BETWEEN or IN after NOT",
        "name IN ()| column 10: expected a value",
        "AND = 1| column 1: expected a value, a property or a predicate, found 'AND'",
        "S_CROSSES(geom)| column 15: expected ',', found ')'",
    })
    void badTextIsA400ThatSaysWhere(String text, String message) {
        assertThatThrownBy(() -> Cql2.text(text, "filter", null)).isInstanceOf(InvalidParameterException.class)
                .hasMessageContaining("Invalid CQL2 text: " + message.strip())
                .satisfies(e -> assertThat(((InvalidParameterException) e).locator()).isEqualTo("filter"));
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', quoteCharacter = '`', value = {
        "{\"op\": \">\", \"args\": [{\"property\": \"floors\"}]}| column 21: \">\" takes 2 args, not 1",
        "{\"op\": \"foo\", \"args\": []}| column 8: unknown function 'foo'",
        "{\"op\": \"s_intersects\", \"args\": [{\"property\": \"geom\"}, {\"type\": \"Polygon\", \"coordinates\": [[[0, 0], [1, 0], [1, 1]]]}]}| column 55: invalid GeoJSON Polygon",
        "{\"op\": \"s_intersects\", \"args\": [{\"property\": \"geom\"}, {\"type\": \"Pointy\", \"coordinates\": [0, 0]}]}| column 64: unknown GeoJSON geometry type 'Pointy'",
        "{\"op\": \"and\", \"args\": [true| column 28: Unexpected end-of-input",
        "{\"op\": \"=\", \"args\": [1, \"a\"]}| column 8: type mismatch: '=' cannot compare a number with a character string",
        "{\"property\": \"x\"}| column 1: expected a predicate",
        "{\"op\": \"=\", \"args\": [{\"property\": \"a\"}, null]}| column 41: null is not a CQL2 value",
        "`{\"op\": \"and\",\n \"args\": [\n  {\"op\": \"<\", \"args\": [1]},\n  true]}`| line 3, column 23: \"<\" takes 2 args, not 1",
        "{\"op\": \"=\", \"args\": [{\"property\": \"a\"}, 1], \"x\": 2}| column 1: an operator has the members \"op\" and \"args\", not \"x\"",
        "{\"op\": \"=\", \"op\": \"<\", \"args\": [1, 2]}| column 13: the member \"op\" appears twice",
        "{\"op\": \"t_after\", \"args\": [{\"property\": \"t\"}, {\"interval\": [\"2020-01-01\"]}]}| column 60: an interval has 2 ends, not 1",
        "{\"op\": \"t_after\", \"args\": [{\"property\": \"t\"}, {\"date\": \"yesterday\"}]}| column 56: 'yesterday' is not a date",
        "{\"op\": \"s_within\", \"args\": [{\"property\": \"g\"}, {\"bbox\": [1, 2, 3]}]}| column 57: a bbox has 4 numbers",
        "[1, 2]| column 1: an array stands only as the list of IN",
        "{\"op\": \"<\", \"args\": [{\"property\": \"a\"}, 1e999]}| column 41: a number is out of range",
        "true false| column 6: expected the end of the document",
        "{\"op\": \"in\", \"args\": [{\"property\": \"a\"}, 5]}| column 42: expected an array (list of IN), found a number",
    })
    void badJsonIsA400ThatSaysWhere(String json, String message) {
        assertThatThrownBy(() -> Cql2.json(json, "filter", null)).isInstanceOf(InvalidParameterException.class)
                .hasMessageContaining("Invalid CQL2 JSON: " + message.strip());
    }

    @Test
    void deepNestingAndLongTextAreRefusedNamingTheLimit() {
        int max = FilterDepth.current().max();
        String parens = "(".repeat(max + 1) + "a = 1" + ")".repeat(max + 1);
        assertThatThrownBy(() -> Cql2.text(parens, "filter", null)).hasMessageContaining(FilterDepth.KEY);
        String nots = "NOT ".repeat(max + 1) + "a = 1";
        assertThatThrownBy(() -> Cql2.text(nots, "filter", null)).hasMessageContaining(FilterDepth.KEY);
        String minus = "a = " + "-".repeat(10_000) + "1";
        assertThat(Cql2.text(minus, "filter", null)).isNotNull(); // an even number of minus signs: 1
        String sum = "a = " + "1 + ".repeat(max + 1) + "1";
        assertThatThrownBy(() -> Cql2.text(sum, "filter", null)).hasMessageContaining(FilterDepth.KEY);
        String json = "{\"op\": \"not\", \"args\": [".repeat(max + 1) + "true" + "]}".repeat(max + 1);
        assertThatThrownBy(() -> Cql2.json(json, "filter", null)).hasMessageContaining(FilterDepth.KEY);
        String deepJson = "[".repeat(30_000) + "]".repeat(30_000);
        assertThatThrownBy(() -> Cql2.json(deepJson, "filter", null)).isInstanceOf(InvalidParameterException.class)
                .hasMessageContaining("column " + (2 * max + 9));
        String longText = "a = 1 OR ".repeat(Ecql.MAX_LENGTH / 9 + 1) + "a = 1";
        assertThatThrownBy(() -> Cql2.text(longText, "filter", null)).hasMessageContaining("longer than " + Ecql.MAX_LENGTH);
        // a long chain is not deep
        assertThat(Cql2.text("a = 1 OR ".repeat(5000) + "a = 1", "filter", null)).isInstanceOf(Or.class);
    }
}
