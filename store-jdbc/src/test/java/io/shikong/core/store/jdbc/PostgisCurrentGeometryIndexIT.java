package io.shikong.core.store.jdbc;

import static org.assertj.core.api.Assertions.assertThat;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import io.shikong.core.catalog.CatalogLoader;
import io.shikong.core.catalog.LayerCatalog;
import io.shikong.core.crs.CrsService;
import io.shikong.core.feature.Feature;
import io.shikong.core.query.Query;
import io.shikong.core.query.TimeSelection;
import io.shikong.core.security.Caller;
import io.shikong.core.store.FeatureCursor;
import io.shikong.core.store.Fixtures;
import io.shikong.core.store.PostgisTestDatabase;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.locationtech.jts.geom.Envelope;

/**
 * The partial GiST index of the current versions ({@code <layer>_current_geom ... WHERE valid_to IS NULL}) on a
 * real PostGIS: every managed layer has it, a store starting on a table without it builds it, and the reads of
 * now use it: the count and the page of a bbox (WFS) without ANDing the whole current-id index into a bitmap, and
 * the drawing read of a map without walking the id index or sorting.
 */
class PostgisCurrentGeometryIndexIT {

    private static final Caller ADMIN = Caller.of("admin", Caller.ADMIN);
    private static final int FEATURES = 20_000;
    private static HikariDataSource dataSource;
    private static PostgisFeatureStore store;
    private static LayerCatalog catalog;

    @BeforeAll
    static void load() throws Exception {
        HikariConfig config = new HikariConfig();
        config.setJdbcUrl(PostgisTestDatabase.freshSchema("current_geom_test"));
        config.setUsername(PostgisTestDatabase.USER);
        config.setPassword(PostgisTestDatabase.PASSWORD);
        config.setMaximumPoolSize(2);
        dataSource = new HikariDataSource(config);
        catalog = CatalogLoader.load(PostgisCurrentGeometryIndexIT.class.getResourceAsStream("/contract/catalog.yml"));
        try (Connection c = dataSource.getConnection(); Statement st = c.createStatement()) {
            st.execute("CREATE TABLE legacy_hydrants (hydrant_no INTEGER PRIMARY KEY, label VARCHAR(100), "
                    + "installed_at TIMESTAMPTZ, the_geom geometry(Point, 4490))");
        }
        store = new PostgisFeatureStore(dataSource, catalog, new CrsService());
        store.initialize();
        // small parcels over the city, each with a closed first version and a current second one
        List<Feature> parcels = new ArrayList<>();
        for (int i = 0; i < FEATURES; i++) {
            double x = 123.2 + (i % 200) * 0.0025;
            double y = 41.6 + (i / 200) * 0.0025;
            var g = Fixtures.wkt(String.format(java.util.Locale.ROOT,
                    "MULTIPOLYGON(((%1$.6f %2$.6f, %3$.6f %2$.6f, %3$.6f %4$.6f, %1$.6f %4$.6f, %1$.6f %2$.6f)))",
                    x, y, x + 0.0005, y + 0.0005));
            parcels.add(new Feature("G" + i, g, Map.of("name", "g" + i, "use", "old"), Instant.parse("2015-01-01T00:00:00Z"),
                    Instant.parse("2018-01-01T00:00:00Z"), 1));
            parcels.add(new Feature("G" + i, g, Map.of("name", "g" + i, "use", i % 2 == 0 ? "residential" : "office"),
                    Instant.parse("2018-01-01T00:00:00Z"), null, 2));
        }
        store.bulkLoad("parcels", parcels.iterator(), ADMIN);
        try (Connection c = dataSource.getConnection(); Statement st = c.createStatement()) {
            st.execute("ANALYZE parcels");
        }
    }

    @AfterAll
    static void close() {
        store.close();
    }

    private static String indexDefinition(String name) throws Exception {
        try (Connection c = dataSource.getConnection();
             PreparedStatement ps = c.prepareStatement("SELECT indexdef FROM pg_indexes WHERE schemaname = current_schema() AND indexname = ?")) {
            ps.setString(1, name);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? rs.getString(1) : null;
            }
        }
    }

    private static String plan(SqlBuilder sql) throws Exception {
        StringBuilder plan = new StringBuilder();
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement("EXPLAIN " + sql.text())) {
            sql.bind(ps);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    plan.append(rs.getString(1)).append('\n');
                }
            }
        } finally {
            sql.release();
        }
        return plan.toString();
    }

    /** About 1 % of the parcels (a 20 x 10 block of the grid, 0.05 x 0.025 degrees). */
    private static final Envelope BLOCK = new Envelope(123.30, 123.35, 41.70, 41.725);

    @Test
    void everyManagedLayerHasThePartialIndexOfItsCurrentVersions() throws Exception {
        assertThat(indexDefinition("parcels_current_geom")).isNotNull()
                .contains("USING gist (geom) WHERE (valid_to IS NULL)");
        assertThat(indexDefinition("wells_current_geom")).contains("USING gist (geom) WHERE (valid_to IS NULL)");
        // the history's index stays, for reads of other times
        assertThat(indexDefinition("parcels_geom_gist")).contains("USING gist (geom)").doesNotContain("WHERE");
    }

    @Test
    void aStoreStartingOnATableWithoutItBuildsIt() throws Exception {
        try (Connection c = dataSource.getConnection(); Statement st = c.createStatement()) {
            st.execute("DROP INDEX wells_current_geom");
        }
        assertThat(indexDefinition("wells_current_geom")).isNull();
        HikariConfig config = new HikariConfig();
        config.setJdbcUrl(dataSource.getJdbcUrl());
        config.setUsername(PostgisTestDatabase.USER);
        config.setPassword(PostgisTestDatabase.PASSWORD);
        config.setMaximumPoolSize(2);
        try (PostgisFeatureStore restarted = new PostgisFeatureStore(new HikariDataSource(config), catalog, new CrsService())) {
            restarted.initialize();
        }
        assertThat(indexDefinition("wells_current_geom")).contains("USING gist (geom) WHERE (valid_to IS NULL)");
    }

    @Test
    void theCountAndThePageOfABboxNowUseTheCurrentIndexAlone() throws Exception {
        Query q = Query.of("parcels", ADMIN).bbox(BLOCK, null).build();
        String count = plan(store.countStatement(q));
        assertThat(count).contains("parcels_current_geom").doesNotContain("BitmapAnd").doesNotContain("parcels_current_id");
        String page = plan(store.select(q.toBuilder().limit(1000).build()));
        assertThat(page).contains("parcels_current_geom").doesNotContain("BitmapAnd");
        assertThat(store.count(q)).isEqualTo(21 * 11);
    }

    @Test
    void theDrawingReadOfAMapNeitherWalksTheIdIndexNorSorts() throws Exception {
        Envelope map = new Envelope(123.25, 123.35, 41.65, 41.70); // about 4 % of the parcels
        Query drawing = Query.of("parcels", ADMIN).bbox(map, null).bboxIndexOnly(true).properties(List.of("use"))
                .drawing(true).build();
        String plan = plan(store.select(drawing));
        assertThat(plan).contains("parcels_current_geom").doesNotContain("Sort").doesNotContain("parcels_current_id");
        // only the id, the style's property and the geometry are read
        SqlBuilder sql = store.select(drawing);
        String select = sql.text().substring(0, sql.text().indexOf(" FROM "));
        sql.release();
        assertThat(select).contains("\"use\"").doesNotContain("valid_from").doesNotContain("valid_to")
                .doesNotContain("version").doesNotContain("\"name\"");
        // the same features as the ordered read
        Set<String> drawn = new HashSet<>();
        List<String> ordered = new ArrayList<>();
        try (FeatureCursor c = store.read(drawing)) {
            c.forEachRemaining(f -> drawn.add(f.id() + "/" + f.get("use")));
        }
        try (FeatureCursor c = store.read(drawing.toBuilder().drawing(false).build())) {
            c.forEachRemaining(f -> ordered.add(f.id() + "/" + f.get("use")));
        }
        assertThat(drawn).hasSize(ordered.size()).containsAll(ordered);
        assertThat(ordered).hasSize(41 * 21);
    }

    @Test
    void readsOfOtherTimesStillFindTheHistory() {
        Query asOf = Query.of("parcels", ADMIN).bbox(BLOCK, null).time(TimeSelection.asOf(Instant.parse("2016-01-01T00:00:00Z")))
                .drawing(true).properties(List.of("use")).build();
        List<String> uses = new ArrayList<>();
        try (FeatureCursor c = store.read(asOf)) {
            c.forEachRemaining(f -> uses.add((String) f.get("use")));
        }
        assertThat(uses).hasSize(21 * 11).containsOnly("old");
    }
}
