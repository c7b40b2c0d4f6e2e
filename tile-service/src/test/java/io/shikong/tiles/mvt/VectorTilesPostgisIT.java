package io.shikong.tiles.mvt;

import static org.assertj.core.api.Assertions.assertThat;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import io.github.sebasbaumh.mapbox.vectortile.adapt.jts.model.JtsMvt;
import io.shikong.core.catalog.LayerCatalog;
import io.shikong.core.query.TimeSelection;
import io.shikong.core.security.Caller;
import io.shikong.core.store.FeatureStore;
import io.shikong.core.store.PostgisTestDatabase;
import io.shikong.core.store.jdbc.EmbeddedFeatureStore;
import io.shikong.core.store.jdbc.PostgisFeatureStore;
import io.shikong.samples.SampleCatalog;
import io.shikong.samples.SampleGenerator;
import io.shikong.samples.SampleLoader;
import io.shikong.tiles.grid.TileMatrixSet;
import io.shikong.tiles.grid.TileMatrixSets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.locationtech.jts.geom.Coordinate;
import org.locationtech.jts.geom.Geometry;

/**
 * Vector tiles from PostGIS ({@code ST_AsMVT}, one statement per layer), and the same tiles from the Java
 * encoder over an embedded store holding the same samples: same layers, ids, attributes and geometry types.
 */
class VectorTilesPostgisIT extends VectorTilesContract {

    private FeatureStore embedded;
    private VectorTiles java;

    @Override
    FeatureStore createStore(LayerCatalog catalog) throws Exception {
        HikariConfig config = new HikariConfig();
        config.setJdbcUrl(PostgisTestDatabase.freshSchema("mvt_tiles_test"));
        config.setUsername(PostgisTestDatabase.USER);
        config.setPassword(PostgisTestDatabase.PASSWORD);
        config.setMaximumPoolSize(4);
        FeatureStore s = new PostgisFeatureStore(new HikariDataSource(config), catalog, CRS);
        s.initialize();
        return s;
    }

    private VectorTiles java() {
        if (java == null) {
            LayerCatalog catalog = SampleCatalog.load();
            embedded = new EmbeddedFeatureStore(EmbeddedFeatureStore.inMemory("mvt-java-" + UUID.randomUUID()), catalog, CRS);
            embedded.initialize();
            SampleLoader.load(embedded, new SampleGenerator(SEED, SIZE), LOADER);
            java = new VectorTiles(embedded, CRS, SETS, PROJECTION, MvtSettings.defaults());
        }
        return java;
    }

    @AfterAll
    void closeEmbedded() {
        if (embedded != null) {
            embedded.close();
        }
    }

    @Test
    void postgisAndJavaEncodersAgree() {
        List<String> layers = List.of("buildings", "pois", "eco_red_lines", "pipelines");
        int compared = 0;
        for (Coordinate centre : List.of(poi.geometry().getCoordinate(), CENTRE))
        for (String setId : List.of(TileMatrixSets.WEB_MERCATOR_QUAD, TileMatrixSets.WORLD_CRS84_QUAD,
                TileMatrixSets.CGCS2000_QUAD)) {
            TileMatrixSet set = SETS.get(setId);
            for (int zoom : new int[] {11, 14, 16}) {
                long[] at = tileOf(set, zoom, centre);
                for (long[] tile : List.of(at, new long[] {at[0] + 1, at[1]}, new long[] {at[0], at[1] + 1})) {
                    JtsMvt db = decode(tile(tiles, layers, set, zoom, tile, TimeSelection.CURRENT, PIPELINES));
                    JtsMvt jv = decode(tile(java(), layers, set, zoom, tile, TimeSelection.CURRENT, PIPELINES));
                    String where = setId + " " + zoom + "/" + tile[0] + "/" + tile[1];
                    assertThat(db.getLayersByName().keySet()).as(where).isEqualTo(jv.getLayersByName().keySet());
                    for (String l : layers) {
                        assertThat(ids(db, l)).as("%s %s", where, l).isEqualTo(ids(jv, l));
                        compared += ids(db, l).size();
                        if (db.getLayer(l) != null) {
                            Map<String, Geometry> byId = new java.util.HashMap<>();
                            jv.getLayer(l).getGeometries().forEach(g -> byId.put(String.valueOf(tags(g).get("id")), g));
                            for (Geometry g : db.getLayer(l).getGeometries()) {
                                Geometry other = byId.get(String.valueOf(tags(g).get("id")));
                                assertThat(other.getDimension()).as("%s %s", where, l).isEqualTo(g.getDimension());
                                assertThat(normalized(tags(other))).as("%s %s", where, l).isEqualTo(normalized(tags(g)));
                            }
                        }
                    }
                }
            }
        }
        assertThat(compared).isGreaterThan(1000);
    }

    @Test
    void bothEncodersLimitToTheSameFeatures() {
        TileMatrixSet set = SETS.get(TileMatrixSets.WEB_MERCATOR_QUAD);
        long[] at = tileOf(set, 10, CENTRE);
        java();
        VectorTiles javaLimited = new VectorTiles(embedded, CRS, SETS, PROJECTION, limited().settings());
        for (String l : List.of("buildings", "pois")) {
            assertThat(ids(decode(tile(limited(), List.of(l), set, 10, at, TimeSelection.CURRENT, Caller.ANONYMOUS)), l))
                    .as(l).hasSize(7)
                    .isEqualTo(ids(decode(tile(javaLimited, List.of(l), set, 10, at, TimeSelection.CURRENT,
                            Caller.ANONYMOUS)), l));
        }
    }

    /** Integers compared as longs: PostGIS writes int4 as uint/sint, the Java encoder as sint. */
    private static Map<String, Object> normalized(Map<String, Object> tags) {
        Map<String, Object> out = new java.util.TreeMap<>();
        tags.forEach((k, v) -> out.put(k, v instanceof Integer i ? Long.valueOf(i) : v));
        return out;
    }

    @Test
    void gdalReadsAJavaEncodedTileToo(@TempDir Path dir) throws Exception {
        TileMatrixSet set = SETS.get(TileMatrixSets.WEB_MERCATOR_QUAD);
        long[] at = tileOf(set, 15, poi.geometry().getCoordinate());
        byte[] tile = tile(java(), List.of("buildings", "pois"), set, 15, at, TimeSelection.CURRENT, Caller.ANONYMOUS);
        Map<String, Integer> counts = gdalFeatureCounts(dir, 15, at, tile);
        JtsMvt db = decode(tile(tiles, List.of("buildings", "pois"), set, 15, at, TimeSelection.CURRENT, Caller.ANONYMOUS));
        assertThat(counts).containsEntry("pois", db.getLayer("pois").getGeometries().size())
                .containsEntry("buildings", db.getLayer("buildings").getGeometries().size());
    }
}
