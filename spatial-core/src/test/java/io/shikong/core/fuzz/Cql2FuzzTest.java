package io.shikong.core.fuzz;

import io.shikong.core.cql2.Cql2;
import io.shikong.core.filter.FilterDepth;
import java.util.List;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.geotools.api.filter.Filter;

/**
 * CQL2 Text and JSON (OGC API's {@code filter}) fuzzed: mutations of the standard's kinds of filters, nested
 * deeply, and random text. Every one parses or is a 400; a parsed filter is never deeper than
 * {@code shikong.query.max-filter-depth}.
 */
class Cql2FuzzTest {

    static final List<String> TEXT = List.of(
            "floors > 5 AND swimming_pool = true",
            "owner NOT LIKE '%Mike%' OR name IS NULL",
            "value NOT BETWEEN 10 AND 20 AND floors IN (1, 2, 3)",
            "CASEI(road_class) IN (CASEI('Οδος'), CASEI('Straße'))",
            "ACCENTI(etat_vol) = ACCENTI('débárquér')",
            "S_INTERSECTS(geom, POLYGON((123.3 41.7, 123.6 41.7, 123.6 41.9, 123.3 41.9, 123.3 41.7)))",
            "S_WITHIN(geom, BBOX(-118, 33.8, -117.9, 34)) AND floors > 5",
            "S_INTERSECTS(geom, GEOMETRYCOLLECTION(POINT(1 2), LINESTRING(0 0, 1 1), MULTIPOINT((1 1), (2 2))))",
            "S_CROSSES(road, MULTILINESTRING((0 0, 1 1), (2 2, 3 3))) OR S_TOUCHES(geom, POINT Z(1 2 3))",
            "T_DURING(INTERVAL(starts_at, ends_at), INTERVAL('2017-06-10T07:30:00Z', '2017-06-11T10:30:00Z'))",
            "T_INTERSECTS(INTERVAL(valid_from, valid_to), INTERVAL('..', '2004-12-31'))",
            "T_AFTER(built, DATE('2012-06-05')) AND T_EQUALS(updated, TIMESTAMP('2010-02-10T05:29:20.073225Z'))",
            "vehicle_height > (bridge_clearance - 1) AND -floors * 2 / 3 < 1e3",
            "floors % 2 = 1 OR taxes div 100 = 4 OR floors ^ 2 > 50",
            "\"name\" <> 'it''s' AND NOT (floors < 5)",
            "TRUE",
            "((a = 1 OR b = 2) AND (c = 3 OR NOT d = 4))");

    static final List<String> JSON = List.of(
            "{\"op\": \">\", \"args\": [{\"property\": \"floors\"}, 5]}",
            "{\"op\": \"and\", \"args\": [{\"op\": \"like\", \"args\": [{\"op\": \"casei\", \"args\": [{\"property\": \"owner\"}]}, "
                    + "\"%mike%\"]}, {\"op\": \"isNull\", \"args\": [{\"property\": \"v\"}]}]}",
            "{\"op\": \"in\", \"args\": [{\"property\": \"floors\"}, [1, 2.5, -3]]}",
            "{\"op\": \"s_intersects\", \"args\": [{\"property\": \"geom\"}, {\"type\": \"Polygon\", \"coordinates\": "
                    + "[[[0, 0], [1, 0], [1, 1], [0, 0]]]}]}",
            "{\"op\": \"s_within\", \"args\": [{\"property\": \"geom\"}, {\"bbox\": [0, 0, 1, 1]}]}",
            "{\"op\": \"s_crosses\", \"args\": [{\"property\": \"geom\"}, {\"type\": \"GeometryCollection\", \"geometries\": "
                    + "[{\"type\": \"MultiPoint\", \"coordinates\": [[1, 2], [3, 4]]}]}]}",
            "{\"op\": \"t_during\", \"args\": [{\"interval\": [{\"property\": \"a\"}, {\"property\": \"b\"}]}, "
                    + "{\"interval\": [\"2017-06-10T07:30:00Z\", \"..\"]}]}",
            "{\"op\": \"t_after\", \"args\": [{\"property\": \"built\"}, {\"date\": \"2012-06-05\"}]}",
            "{\"op\": \"not\", \"args\": [{\"op\": \"between\", \"args\": [{\"property\": \"v\"}, 1, 2]}]}",
            "{\"op\": \"<\", \"args\": [{\"op\": \"/\", \"args\": [{\"property\": \"a\"}, 2]}, {\"property\": \"b\"}]}",
            "true");

    static final List<String[]> TEXT_NESTING = List.of(new String[] {"(", ")"}, new String[] {"NOT (", ")"},
            new String[] {"CASEI(", ")"}, new String[] {"GEOMETRYCOLLECTION(", ")"}, new String[] {"a = 1 AND (", ")"},
            new String[] {"(a = 1 OR ", ")"}, new String[] {"1 + (", ")"}, new String[] {"", " + 1"},
            new String[] {"NOT ", ""}, new String[] {"-", ""});

    static final List<String[]> JSON_NESTING = List.of(new String[] {"{\"op\": \"not\", \"args\": [", "]}"},
            new String[] {"[", "]"}, new String[] {"{\"a\":", "}"},
            new String[] {"{\"op\": \"and\", \"args\": [true, ", "]}"},
            new String[] {"{\"op\": \"+\", \"args\": [1, ", "]}"},
            new String[] {"{\"type\":\"GeometryCollection\",\"geometries\":[", "]}"});

    @Provide
    Arbitrary<String> text() {
        return Fuzz.inputs(TEXT, TEXT_NESTING);
    }

    @Provide
    Arbitrary<String> json() {
        return Fuzz.inputs(JSON, JSON_NESTING);
    }

    @Property
    void textParsesOrRefusesWithA400(@ForAll("text") String text) {
        Filter f = Fuzz.readsOrRefuses(text, () -> Cql2.text(text, "filter", null));
        if (f != null) {
            FilterDepth.current().checkTree(f, "filter");
        }
    }

    @Property
    void jsonParsesOrRefusesWithA400(@ForAll("json") String json) {
        Filter f = Fuzz.readsOrRefuses(json, () -> Cql2.json(json, "filter", null));
        if (f != null) {
            FilterDepth.current().checkTree(f, "filter");
        }
    }
}
