package io.shikong.core.filter;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.shikong.core.error.InvalidParameterException;
import org.geotools.api.filter.And;
import org.geotools.api.filter.Filter;
import org.geotools.api.filter.Not;
import org.geotools.api.filter.Or;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * ECQL to filters: blank, syntax errors and the nesting limit ({@code shikong.query.max-filter-depth}, 64 by
 * default) as 400s naming the parameter; long chains of AND/OR flattened, not counted as depth.
 */
class EcqlTest {

    static void assertTooDeep(String text, String what) {
        assertThatThrownBy(() -> Ecql.parse(text, "CQL_FILTER")).isInstanceOfSatisfying(InvalidParameterException.class,
                e -> {
                    assertThat(e.status()).isEqualTo(400);
                    assertThat(e.locator()).isEqualTo("CQL_FILTER");
                    assertThat(e.getMessage()).isEqualTo("filter nested too deeply: " + what + " deeper than 64 levels "
                            + "(shikong.query.max-filter-depth)");
                });
    }

    @Test
    void blankIsEverything() {
        assertThat(Ecql.parse("  ", "filter")).isEqualTo(Filter.INCLUDE);
        assertThat(Ecql.parse(null, "filter")).isEqualTo(Filter.INCLUDE);
    }

    @Test
    void aSyntaxErrorNamesWhereItIs() {
        assertThatThrownBy(() -> Ecql.parse("floors >", "filter")).isInstanceOfSatisfying(InvalidParameterException.class,
                e -> assertThat(e.getMessage()).isEqualTo("Invalid ECQL filter: Encountered \"> <EOF>\" at line 1, column 8."));
    }

    /** Found by EcqlFuzzTest: GeoTools asserts on this literal, an AssertionError (a 500) where assertions are on. */
    @Test
    void aMalformedGeometryLiteralIsA400() {
        assertThatThrownBy(() -> Ecql.parse("WITHIN(geom, (MULTIPOLYGON()((0 0, 1 0, 1 1, 0 0))))", "filter"))
                .isInstanceOfSatisfying(InvalidParameterException.class, e -> {
                    assertThat(e.status()).isEqualTo(400);
                    assertThat(e.getMessage()).startsWith("Invalid ECQL filter: ");
                });
    }

    /** The 500: ECQL nested 16,000 levels deep overflowed the stack of GeoTools' parser. */
    @ParameterizedTest
    @ValueSource(ints = {65, 1000})
    void parenthesesDeeperThanTheLimitAreRefusedBeforeParsing(int levels) {
        assertTooDeep("(".repeat(levels) + "floors > 1" + ")".repeat(levels), "parentheses");
        assertTooDeep("floors = " + "abs(".repeat(levels) + "1" + ")".repeat(levels), "parentheses");
        assertTooDeep("INTERSECTS(geom, " + "GEOMETRYCOLLECTION(".repeat(levels) + "POINT(1 2)" + ")".repeat(levels) + ")",
                "parentheses");
    }

    @Test
    void sixteenThousandLevelsAreRefused() {
        assertTooDeep("(".repeat(16_000) + "floors > 1" + ")".repeat(16_000), "parentheses");
        assertTooDeep("floors > " + "(".repeat(16_000) + "1" + ")".repeat(16_000), "parentheses");
    }

    @Test
    void sixtyFourParenthesesAreAccepted() {
        assertThat(Ecql.parse("(".repeat(64) + "floors > 1" + ")".repeat(64), "filter").toString()).isEqualTo("[ floors > 1 ]");
    }

    @Test
    void parenthesesInLiteralsAndNamesDoNotCount() {
        Filter f = Ecql.parse("name = '" + "(".repeat(100) + "it''s" + "' AND \"a(b\" = 1", "filter");
        assertThat(f).isInstanceOf(And.class);
    }

    @Test
    void anArithmeticChainIsAsDeepAsItIsLong() {
        assertThat(Ecql.parse("floors = 1" + " + 1".repeat(62), "filter")).isNotNull();
        assertTooDeep("floors = 1" + " + 1".repeat(63), "operators");
        assertTooDeep("floors = 1" + " + 1".repeat(10_000), "operators");
    }

    @Test
    void chainsOfAndAndOrAreFlattenedNotDeep() {
        Filter and = Ecql.parse("floors = 1" + " AND floors = 1".repeat(3000), "filter");
        assertThat(((And) and).getChildren()).hasSize(3001);
        Filter mixed = Ecql.parse("a = 1 OR b = 2 AND c = 3 OR d = 4 OR NOT (e = 5 OR f = 6 OR g = 7)", "filter");
        assertThat(((Or) mixed).getChildren()).hasSize(4);
        assertThat(((And) ((Or) mixed).getChildren().get(1)).getChildren()).hasSize(2);
        assertThat(((Or) ((Not) ((Or) mixed).getChildren().get(3)).getFilter()).getChildren()).hasSize(3);
    }

    @Test
    void theLimitIsConfigurable() {
        FilterDepth before = FilterDepth.current();
        try {
            FilterDepth.configure(3);
            assertThat(Ecql.parse("((a = 1))", "filter")).isNotNull();
            assertThatThrownBy(() -> Ecql.parse("((((a = 1))))", "filter")).hasMessageContaining("deeper than 3 levels");
        } finally {
            FilterDepth.configure(before.max());
        }
        assertThatThrownBy(() -> FilterDepth.configure(0)).hasMessage("shikong.query.max-filter-depth must be at least 1, was 0");
    }
}
