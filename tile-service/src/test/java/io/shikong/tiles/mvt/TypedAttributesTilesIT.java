package io.shikong.tiles.mvt;

import static org.assertj.core.api.Assertions.assertThat;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import io.github.sebasbaumh.mapbox.vectortile.adapt.jts.model.JtsMvt;
import io.shikong.core.catalog.CatalogLoader;
import io.shikong.core.catalog.LayerCatalog;
import io.shikong.core.query.TimeSelection;
import io.shikong.core.security.Caller;
import io.shikong.core.store.FeatureStore;
import io.shikong.core.store.Fixtures;
import io.shikong.core.store.PostgisTestDatabase;
import io.shikong.core.store.jdbc.EmbeddedFeatureStore;
import io.shikong.core.store.jdbc.PostgisFeatureStore;
import io.shikong.tiles.grid.TileMatrixSet;
import io.shikong.tiles.grid.TileMatrixSets;
import java.sql.Connection;
import java.sql.Statement;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import org.locationtech.jts.geom.Coordinate;
import org.locationtech.jts.geom.Geometry;

/**
 * Every attribute type and an integer id (a published table) through both encoders, on the store
 * contract's fixtures: PostGIS's {@code ST_AsMVT} and the Java encoder write the same values, an integer
 * id is the MVT feature id and a text id the property {@code id}.
 */
class TypedAttributesTilesIT {

    private static final Caller ADMIN = Caller.of("loader", Caller.ADMIN);

    @Test
    void bothEncodersWriteTheSameTypedValuesAndIds() throws Exception {
        HikariConfig config = new HikariConfig();
        config.setJdbcUrl(PostgisTestDatabase.freshSchema("mvt_typed_test"));
        config.setUsername(PostgisTestDatabase.USER);
        config.setPassword(PostgisTestDatabase.PASSWORD);
        config.setMaximumPoolSize(2);
        try (FeatureStore postgis = load(new HikariDataSource(config), true);
             FeatureStore embedded = load(EmbeddedFeatureStore.inMemory("mvt-typed-" + UUID.randomUUID()), false)) {
            TileMatrixSet set = VectorTilesContract.SETS.get(TileMatrixSets.WEB_MERCATOR_QUAD);
            long[] at = VectorTilesContract.tileOf(set, 16, new Coordinate(123.4005, 41.8005));
            JtsMvt db = tile(postgis, set, at);
            JtsMvt java = tile(embedded, set, at);

            Geometry a1 = feature(db, "parcels", "A1");
            assertThat(VectorTilesContract.tags(a1)).containsEntry("name", "和平小区1号楼").containsEntry("use", "residential")
                    .containsEntry("height_m", 18.5).containsEntry("listed", true)
                    .containsEntry("built_on", "2001-05-01").containsEntry("surveyed_at", "2020-03-01T08:00:00.000Z")
                    .containsEntry("mvt_id", null);
            assertThat(((Number) VectorTilesContract.tags(a1).get("floors")).longValue()).isEqualTo(6);
            assertThat(((Number) VectorTilesContract.tags(a1).get("area_code")).longValue()).isEqualTo(210102);
            assertThat(numbersAsLongs(VectorTilesContract.tags(feature(java, "parcels", "A1"))))
                    .isEqualTo(numbersAsLongs(VectorTilesContract.tags(a1)));
            assertThat(feature(java, "parcels", "A1").getArea()).isCloseTo(a1.getArea(), org.assertj.core.data.Percentage.withPercentage(2));

            for (JtsMvt mvt : List.of(db, java)) {
                Geometry hydrant = mvt.getLayer("hydrants").getGeometries().iterator().next();
                assertThat(VectorTilesContract.tags(hydrant)).containsEntry("label", "H-7").doesNotContainKey("id");
                assertThat(((Number) VectorTilesContract.tags(hydrant).get("mvt_id")).longValue()).isEqualTo(7);
            }
        }
    }

    private static FeatureStore load(DataSource ds, boolean postgis) throws Exception {
        LayerCatalog catalog = CatalogLoader.load(TypedAttributesTilesIT.class.getResourceAsStream("/contract/catalog.yml"));
        try (Connection c = ds.getConnection(); Statement st = c.createStatement()) {
            st.execute("CREATE TABLE legacy_hydrants (hydrant_no INTEGER PRIMARY KEY, label VARCHAR(100), "
                    + "installed_at TIMESTAMP WITH TIME ZONE, the_geom GEOMETRY(POINT, 4490))");
            st.execute("INSERT INTO legacy_hydrants VALUES (7, 'H-7', TIMESTAMP WITH TIME ZONE '2019-01-01 00:00:00+00', "
                    + "'SRID=4490;POINT(123.401 41.801)')");
        }
        FeatureStore store = postgis ? new PostgisFeatureStore(ds, catalog, VectorTilesContract.CRS)
                : new EmbeddedFeatureStore(ds, catalog, VectorTilesContract.CRS);
        store.initialize();
        store.bulkLoad("parcels", Fixtures.read("/contract/parcels.wkt", catalog.layer("parcels", ADMIN)).iterator(), ADMIN);
        return store;
    }

    private static JtsMvt tile(FeatureStore store, TileMatrixSet set, long[] at) {
        VectorTiles tiles = new VectorTiles(store, VectorTilesContract.CRS, VectorTilesContract.SETS,
                VectorTilesContract.PROJECTION, MvtSettings.defaults());
        var layers = List.of(store.schema("parcels", ADMIN), store.schema("hydrants", ADMIN));
        return VectorTilesContract.decode(tiles.encode(layers, set, set.matrix(16).orElseThrow(), at[0], at[1],
                TimeSelection.CURRENT, ADMIN));
    }

    private static Geometry feature(JtsMvt mvt, String layer, String id) {
        return mvt.getLayer(layer).getGeometries().stream().filter(g -> id.equals(VectorTilesContract.tags(g).get("id")))
                .findFirst().orElseThrow();
    }

    private static Map<String, Object> numbersAsLongs(Map<String, Object> tags) {
        Map<String, Object> out = new java.util.TreeMap<>();
        tags.forEach((k, v) -> out.put(k, v instanceof Integer i ? Long.valueOf(i) : v));
        return out;
    }
}
