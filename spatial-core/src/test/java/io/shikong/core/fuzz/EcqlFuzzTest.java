package io.shikong.core.fuzz;

import static org.assertj.core.api.Assertions.assertThat;

import io.shikong.core.filter.Ecql;
import io.shikong.core.filter.FilterDepth;
import java.util.List;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.geotools.api.filter.Filter;

/**
 * ECQL and CQL text (WMS/WFS {@code CQL_FILTER}, the REST {@code filter}) fuzzed: mutations of filters QGIS,
 * GeoServer clients and the README send, and random text. Every one parses or is a 400; a parsed filter is
 * never deeper than {@code shikong.query.max-filter-depth}, so the SQL compiler and the renderer can recurse
 * over it.
 */
class EcqlFuzzTest {

    static final List<String> VALID = List.of(
            "floors > 10",
            "floors > 10 AND name LIKE '沈阳%'",
            "name = 'it''s' OR name IS NULL",
            "NOT (floors BETWEEN 1 AND 5)",
            "kind IN ('school', 'hospital', 'park')",
            "height_m * 2 >= floors + 3.5",
            "INTERSECTS(geom, POLYGON((123.3 41.7, 123.6 41.7, 123.6 41.9, 123.3 41.9, 123.3 41.7)))",
            "DWITHIN(geom, POINT(123.4 41.8), 500, meters)",
            "BBOX(geom, 123.3, 41.7, 123.6, 41.9, 'EPSG:4326')",
            "WITHIN(geom, MULTIPOLYGON(((0 0, 1 0, 1 1, 0 0)), ((2 2, 3 2, 3 3, 2 2))))",
            "INTERSECTS(geom, GEOMETRYCOLLECTION(POINT(1 2), LINESTRING(0 0, 1 1)))",
            "opened AFTER 2020-01-01T00:00:00Z",
            "opened DURING 2020-01-01T00:00:00Z/2021-01-01T00:00:00Z",
            "IN ('roads.1', 'roads.2')",
            "strToLowerCase(name) = 'a' AND abs(floors) < 3",
            "\"name\" <> 'x' AND floors <= -1e3",
            "INCLUDE",
            "((a = 1 OR b = 2) AND (c = 3 OR NOT d = 4))");

    static final List<String[]> NESTING = List.of(new String[] {"(", ")"}, new String[] {"NOT (", ")"},
            new String[] {"abs(", ")"}, new String[] {"GEOMETRYCOLLECTION(", ")"}, new String[] {"a = 1 AND (", ")"},
            new String[] {"(a = 1 OR ", ")"}, new String[] {"1 + (", ")"}, new String[] {"", " + 1"});

    @Provide
    Arbitrary<String> ecql() {
        return Fuzz.inputs(VALID, NESTING);
    }

    @Property
    void parsesOrRefusesWithA400(@ForAll("ecql") String text) {
        Filter f = Fuzz.readsOrRefuses(text, () -> Ecql.parse(text, "CQL_FILTER"));
        if (f != null) {
            // what the parser let through is no deeper than the limit (the walk throws otherwise)
            FilterDepth.current().checkTree(f, "CQL_FILTER");
            assertThat(f).isNotNull();
        }
    }
}
