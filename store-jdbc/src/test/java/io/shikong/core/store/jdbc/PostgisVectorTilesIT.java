package io.shikong.core.store.jdbc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import io.shikong.core.catalog.CatalogLoader;
import io.shikong.core.catalog.LayerCatalog;
import io.shikong.core.crs.Crs;
import io.shikong.core.crs.CrsService;
import io.shikong.core.error.InvalidParameterException;
import io.shikong.core.error.LayerNotFoundException;
import io.shikong.core.feature.Feature;
import io.shikong.core.query.TimeSelection;
import io.shikong.core.query.VectorTileQuery;
import io.shikong.core.security.Caller;
import io.shikong.core.store.Fixtures;
import io.shikong.core.store.PostgisTestDatabase;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.locationtech.jts.geom.Envelope;

/**
 * The {@code ST_AsMVT} statement of {@link PostgisVectorTiles} on a real PostGIS: the plan uses the GiST
 * index of the current versions, the caller's visibility and the property whitelist hold, and tiles of each tile CRS encode.
 * (Decoding and comparing with the Java encoder is tile-service's {@code VectorTilesPostgisIT}.)
 */
class PostgisVectorTilesIT {

    private static final CrsService CRS = new CrsService();
    private static final Caller ADMIN = Caller.of("admin", Caller.ADMIN);
    private static HikariDataSource dataSource;
    private static PostgisFeatureStore store;

    @BeforeAll
    static void load() throws Exception {
        HikariConfig config = new HikariConfig();
        config.setJdbcUrl(PostgisTestDatabase.freshSchema("mvt_store_test"));
        config.setUsername(PostgisTestDatabase.USER);
        config.setPassword(PostgisTestDatabase.PASSWORD);
        config.setMaximumPoolSize(2);
        dataSource = new HikariDataSource(config);
        LayerCatalog catalog = CatalogLoader.load(PostgisVectorTilesIT.class.getResourceAsStream("/contract/catalog.yml"));
        try (Connection c = dataSource.getConnection(); Statement st = c.createStatement()) {
            st.execute("CREATE TABLE legacy_hydrants (hydrant_no INTEGER PRIMARY KEY, label VARCHAR(100), "
                    + "installed_at TIMESTAMPTZ, the_geom geometry(Point, 4490))");
            st.execute("INSERT INTO legacy_hydrants VALUES (7, 'H-7', TIMESTAMP WITH TIME ZONE '2019-01-01 00:00:00+00', "
                    + "ST_GeomFromText('POINT(123.401 41.801)', 4490))");
        }
        store = new PostgisFeatureStore(dataSource, catalog, CRS);
        store.initialize();
        List<Feature> parcels = new ArrayList<>(Fixtures.read("/contract/parcels.wkt", catalog.layer("parcels", ADMIN)));
        // enough small parcels over the city that the planner prefers the index to a scan
        for (int i = 0; i < 20000; i++) {
            double x = 123.2 + (i % 200) * 0.0025;
            double y = 41.6 + (i / 200) * 0.0025;
            parcels.add(new Feature("G" + i, Fixtures.wkt(String.format(java.util.Locale.ROOT,
                    "MULTIPOLYGON(((%1$.6f %2$.6f, %3$.6f %2$.6f, %3$.6f %4$.6f, %1$.6f %4$.6f, %1$.6f %2$.6f)))",
                    x, y, x + 0.0005, y + 0.0005)), Map.of("name", "g" + i), Instant.parse("2018-01-01T00:00:00Z"),
                    null, 1));
        }
        store.bulkLoad("parcels", parcels.iterator(), ADMIN);
        store.bulkLoad("wells", Fixtures.read("/contract/wells.wkt", catalog.layer("wells", ADMIN)).iterator(), ADMIN);
        try (Connection c = dataSource.getConnection(); Statement st = c.createStatement()) {
            st.execute("ANALYZE parcels");
        }
    }

    @AfterAll
    static void close() {
        store.close();
    }

    /** The Web Mercator z16 tile around A1 (123.4005, 41.8005). */
    private static Envelope mercatorTile(int z, double lon, double lat) {
        double half = Math.PI * 6378137.0;
        double span = 2 * half / (1L << z);
        double x = Math.toRadians(lon) * 6378137.0;
        double y = Math.log(Math.tan(Math.PI / 4 + Math.toRadians(lat) / 2)) * 6378137.0;
        double minX = -half + Math.floor((x + half) / span) * span;
        double maxY = half - Math.floor((half - y) / span) * span;
        return new Envelope(minX, minX + span, maxY - span, maxY);
    }

    private static VectorTileQuery query(String layer, Caller caller, Envelope tile, Crs crs, List<String> props) {
        return new VectorTileQuery(layer, caller, tile, crs, 4096, 64, 0.5, 10000, TimeSelection.CURRENT, props);
    }

    @Test
    void theStatementUsesTheGistIndex() throws Exception {
        SqlBuilder sql = new PostgisVectorTiles(store).statement(query("parcels", ADMIN,
                mercatorTile(16, 123.4005, 41.8005), CRS.resolve("EPSG:3857"), List.of("name", "floors")));
        StringBuilder plan = new StringBuilder();
        try (Connection c = dataSource.getConnection()) {
            c.setAutoCommit(false);
            try (Statement st = c.createStatement()) {
                st.execute("SET LOCAL enable_seqscan = off");
            }
            try (PreparedStatement ps = c.prepareStatement("EXPLAIN " + sql.text())) {
                sql.bind(ps);
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        plan.append(rs.getString(1)).append('\n');
                    }
                }
            }
            c.rollback();
        }
        // a tile of now: the partial index of the current versions (PostgisDialect), not the history's
        assertThat(plan.toString()).contains("parcels_current_geom").contains("&&").doesNotContain("BitmapAnd");
    }

    @Test
    void tilesOfEachTileCrsEncodeAndEmptyAreasGiveZeroBytes() {
        byte[] mercator = store.vectorTile(query("parcels", ADMIN, mercatorTile(16, 123.4005, 41.8005),
                CRS.resolve("EPSG:3857"), List.of("name", "built_on", "surveyed_at"))).orElseThrow();
        assertThat(mercator).isNotEmpty();
        // the layer name is in the bytes (field 1 of the layer message)
        assertThat(new String(mercator, java.nio.charset.StandardCharsets.UTF_8)).contains("parcels").contains("A1");
        for (String code : List.of("EPSG:4490", "CRS84")) {
            Envelope tile = new Envelope(123.398, 123.403, 41.798, 41.803);
            assertThat(store.vectorTile(query("parcels", ADMIN, tile, CRS.resolve(code), List.of())).orElseThrow())
                    .as(code).isNotEmpty();
        }
        assertThat(store.vectorTile(query("parcels", ADMIN, mercatorTile(16, 10.0, 10.0), CRS.resolve("EPSG:3857"),
                List.of("name"))).orElseThrow()).isEmpty();
    }

    @Test
    void integerIdsAreFeatureIds() {
        byte[] tile = store.vectorTile(query("hydrants", ADMIN, mercatorTile(16, 123.401, 41.801),
                CRS.resolve("EPSG:3857"), List.of("label"))).orElseThrow();
        // feature field 1 (id, varint 7): bytes 0x08 0x07 inside the feature message
        assertThat(indexOf(tile, new byte[] {0x08, 0x07})).isNotNegative();
        assertThat(new String(tile, java.nio.charset.StandardCharsets.UTF_8)).contains("H-7").contains("label");
    }

    @Test
    void restrictedLayersAndUnknownPropertiesAreRefused() {
        Envelope tile = mercatorTile(14, 123.45, 41.85);
        assertThatThrownBy(() -> store.vectorTile(query("wells", Caller.ANONYMOUS, tile, CRS.resolve("EPSG:3857"),
                List.of()))).isInstanceOf(LayerNotFoundException.class);
        assertThat(store.vectorTile(query("wells", Caller.of("w", "water"), tile, CRS.resolve("EPSG:3857"),
                List.of("depth_m"))).orElseThrow()).isNotEmpty();
        assertThatThrownBy(() -> store.vectorTile(query("parcels", ADMIN, tile, CRS.resolve("EPSG:3857"),
                List.of("name; DROP TABLE parcels")))).isInstanceOf(InvalidParameterException.class);
    }

    @Test
    void aTileOfSeveralLayersIsOneStatementGivingTheLayersInOrder() throws Exception {
        Envelope tile = mercatorTile(16, 123.4005, 41.8005);
        VectorTileQuery parcels = query("parcels", ADMIN, tile, CRS.resolve("EPSG:3857"), List.of("name"));
        VectorTileQuery hydrants = query("hydrants", ADMIN, tile, CRS.resolve("EPSG:3857"), List.of("label"));
        VectorTileQuery empty = query("parcels", ADMIN, mercatorTile(16, 10.0, 10.0), CRS.resolve("EPSG:3857"), List.of());
        byte[] one = store.vectorTile(parcels).orElseThrow();
        byte[] two = store.vectorTile(hydrants).orElseThrow();
        assertThat(one).isNotEmpty();
        assertThat(two).isNotEmpty();
        byte[] both = new byte[one.length + two.length];
        System.arraycopy(one, 0, both, 0, one.length);
        System.arraycopy(two, 0, both, one.length, two.length);
        assertThat(store.vectorTileLayers(List.of(parcels, hydrants)).orElseThrow()).isEqualTo(both);
        // a layer without a feature in the tile adds nothing; a tile without any is zero bytes
        assertThat(store.vectorTileLayers(List.of(empty, hydrants)).orElseThrow()).isEqualTo(two);
        assertThat(store.vectorTileLayers(List.of(empty, empty)).orElseThrow()).isEmpty();
        // one SELECT for the tile: each layer's ST_AsMVT a scalar subquery of it
        SqlBuilder sql = new PostgisVectorTiles(store).statement(List.of(parcels, hydrants));
        assertThat(sql.text()).startsWith("SELECT COALESCE((SELECT ST_AsMVT(");
        assertThat(sql.text().split("ST_AsMVT\\(", -1)).hasSize(3);
        assertThat(sql.params()).hasSize(new PostgisVectorTiles(store).statement(parcels).params().size()
                + new PostgisVectorTiles(store).statement(hydrants).params().size());
        // a restricted layer in the list refuses the whole tile
        VectorTileQuery wells = query("wells", Caller.ANONYMOUS, tile, CRS.resolve("EPSG:3857"), List.of());
        assertThatThrownBy(() -> store.vectorTileLayers(List.of(parcels, wells))).isInstanceOf(LayerNotFoundException.class);
    }

    private static int indexOf(byte[] hay, byte[] needle) {
        outer:
        for (int i = 0; i + needle.length <= hay.length; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (hay[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }
}
