package io.shikong.ingest.spark;

import io.shikong.samples.SampleSize;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/**
 * The Sedona jobs' result tables on the sample city equal the same queries in PostGIS SQL (metres within a
 * centimetre; keys equal except pairs whose metres lie within that tolerance of a threshold).
 */
class SedonaAnalyticsIT {

    private static final double TOLERANCE_M = 0.01;

    private static String url;
    private static Map<String, Long> written;

    @BeforeAll
    static void loadAndRun() throws Exception {
        url = SampleCityDatabase.create("spark_analytics_it", SampleSize.SMALL);
        written = AnalyticsJob.run(TestSpark.session(), new String[] {"--jdbc-url", url, "--user",
                SampleCityDatabase.target(url).user(), "--password", SampleCityDatabase.target(url).password(),
                "--partitions", "2"});
    }

    @Test
    void redlineProximityEqualsPostgis() throws Exception {
        String metric = "ST_Transform(%s, 4529)";
        String pair = "SELECT '%1$s' || '|' || p.id || '|' || z.id, ST_Distance(" + metric.formatted("p.geom") + ", "
                + metric.formatted("z.geom") + ") FROM %1$s p JOIN eco_red_lines z ON ST_DWithin(" + metric.formatted("p.geom")
                + ", " + metric.formatted("z.geom") + ", 500) WHERE p.valid_to IS NULL AND z.valid_to IS NULL";
        Map<String, Double> expected = rows(pair.formatted("inspection_sites") + " UNION ALL " + pair.formatted("pois"));
        Map<String, Double> actual = rows("SELECT layer || '|' || feature_id || '|' || zone_id, distance_m FROM redline_proximity");
        assertThat(expected).isNotEmpty();
        assertThat(written.get(Analyses.REDLINE_PROXIMITY)).isEqualTo(actual.size());
        compare(actual, expected, 500);
        // inside means distance 0, and some points are inside a zone
        assertThat(count("SELECT count(*) FROM redline_proximity WHERE inside <> (distance_m = 0)")).isZero();
        assertThat(count("SELECT count(*) FROM redline_proximity WHERE inside")).isPositive();
        assertThat(count("SELECT count(*) FROM redline_proximity r JOIN eco_red_lines z ON z.id = r.zone_id "
                + "AND z.valid_to IS NULL WHERE r.zone_name IS DISTINCT FROM z.zone_name")).isZero();
    }

    @Test
    void pipelinesUnderBuildingsEqualPostgis() throws Exception {
        Map<String, Double> expected = rows("SELECT * FROM (SELECT p.id || '|' || b.id || '|' || p.network AS k, "
                + "ST_Length(ST_Transform(ST_Intersection(p.geom, b.geom), 4529)) AS m FROM pipelines p JOIN buildings b "
                + "ON ST_Intersects(p.geom, b.geom) WHERE p.valid_to IS NULL AND b.valid_to IS NULL) x WHERE m > 0");
        Map<String, Double> actual = rows("SELECT pipeline_id || '|' || building_id || '|' || network, length_m "
                + "FROM pipelines_under_buildings");
        assertThat(expected).isNotEmpty();
        compare(actual, expected, 0);
        assertThat(count("SELECT count(*) FROM pipelines_under_buildings WHERE abs(ST_Length(ST_Transform(geom, 4529)) "
                + "- length_m) > 0.01")).isZero();
    }

    @Test
    void floorAreaByYearEqualsPostgis() throws Exception {
        Map<String, Double> expected = rows("WITH span AS (SELECT extract(year FROM min(valid_from) AT TIME ZONE 'Asia/Shanghai')::int AS a, "
                + "extract(year FROM greatest(max(valid_from), max(valid_to)) AT TIME ZONE 'Asia/Shanghai')::int AS b FROM buildings), "
                + "y AS (SELECT g AS year, make_timestamptz(g + 1, 1, 1, 0, 0, 0, 'Asia/Shanghai') AS year_end "
                + "FROM span, generate_series(span.a, span.b) g) "
                + "SELECT coalesce(district, '" + Analyses.UNKNOWN + "') || '|' || coalesce(use, '" + Analyses.UNKNOWN + "') || '|' || y.year "
                + "|| '|' || count(*), sum(ST_Area(ST_Transform(geom, 4529)) * floors) FROM buildings b JOIN y "
                + "ON b.valid_from < y.year_end AND (b.valid_to IS NULL OR b.valid_to >= y.year_end) GROUP BY district, use, y.year");
        Map<String, Double> actual = rows("SELECT district || '|' || use || '|' || year || '|' || buildings, floor_area_m2 "
                + "FROM building_floor_area_by_year");
        assertThat(expected).hasSizeGreaterThan(10);
        assertThat(actual.keySet()).isEqualTo(expected.keySet());
        expected.forEach((k, v) -> assertThat(actual.get(k)).as(k).isCloseTo(v, within(Math.max(TOLERANCE_M, Math.abs(v) * 1e-9))));
        // several years of history, so the history matters
        assertThat(count("SELECT count(DISTINCT year) FROM building_floor_area_by_year")).isGreaterThan(1);
    }

    /** Equal keys and metres, except pairs within the tolerance of {@code threshold} (or of 0 m) on one side. */
    private static void compare(Map<String, Double> actual, Map<String, Double> expected, double threshold) {
        Set<String> missing = new TreeSet<>(expected.keySet());
        missing.removeAll(actual.keySet());
        missing.removeIf(k -> Math.abs(expected.get(k) - threshold) < TOLERANCE_M);
        Set<String> extra = new TreeSet<>(actual.keySet());
        extra.removeAll(expected.keySet());
        extra.removeIf(k -> Math.abs(actual.get(k) - threshold) < TOLERANCE_M);
        assertThat(missing).as("rows PostGIS finds and Sedona does not").isEmpty();
        assertThat(extra).as("rows Sedona finds and PostGIS does not").isEmpty();
        expected.forEach((k, v) -> {
            if (actual.containsKey(k)) {
                assertThat(actual.get(k)).as(k).isCloseTo(v, within(TOLERANCE_M));
            }
        });
    }

    private static Map<String, Double> rows(String sql) throws Exception {
        Map<String, Double> out = new HashMap<>();
        try (Connection c = SampleCityDatabase.target(url).connect(); Statement st = c.createStatement();
             ResultSet rs = st.executeQuery(sql)) {
            while (rs.next()) {
                assertThat(out.put(rs.getString(1), rs.getDouble(2))).as("duplicate key " + rs.getString(1)).isNull();
            }
        }
        return out;
    }

    private static long count(String sql) throws Exception {
        try (Connection c = SampleCityDatabase.target(url).connect(); Statement st = c.createStatement();
             ResultSet rs = st.executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        }
    }
}
