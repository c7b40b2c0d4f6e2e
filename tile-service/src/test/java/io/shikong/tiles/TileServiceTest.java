package io.shikong.tiles;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.sebasbaumh.mapbox.vectortile.adapt.jts.MvtReader;
import io.github.sebasbaumh.mapbox.vectortile.adapt.jts.TagKeyValueMapConverter;
import io.github.sebasbaumh.mapbox.vectortile.adapt.jts.model.JtsLayer;
import io.shikong.core.error.InvalidParameterException;
import io.shikong.core.error.LayerNotFoundException;
import io.shikong.core.error.ShikongException;
import io.shikong.core.security.Caller;
import io.shikong.tiles.cache.TileCache;
import io.shikong.tiles.grid.TileMatrixSet;
import io.shikong.tiles.grid.TileMatrixSets;
import java.io.ByteArrayInputStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.locationtech.jts.geom.GeometryFactory;

/** The facade: checks, cache hits and ETags, metatile neighbours, restricted layers, vector tiles cached. */
class TileServiceTest {

    private static final Caller PIPES = Caller.of("pipes", "pipelines");

    private static TestCity city;
    @TempDir
    static Path dir;
    private static TileCache cache;
    private static TileService tiles;
    /** A tile of the city centre at zoom 15 of WebMercatorQuad. */
    private static long col;
    private static long row;

    @BeforeAll
    static void load() {
        city = new TestCity();
        cache = city.cache(dir);
        tiles = city.service(cache);
        long[] densest = city.densestTile(city.sets.get(TileMatrixSets.WEB_MERCATOR_QUAD), 15, "buildings");
        col = densest[0];
        row = densest[1];
    }

    @AfterAll
    static void close() {
        city.close();
    }

    @BeforeEach
    void empty() {
        cache.clear();
    }

    @Test
    void aMissIsCachedAndTheNextRequestIsAHitWithTheSameETag() {
        Tile first = tiles.tile(request(List.of("buildings", "pois"), TileFormat.PNG, 15, col, row, TestCity.ADMIN));
        Tile second = tiles.tile(request(List.of("buildings", "pois"), TileFormat.PNG, 15, col, row, TestCity.ADMIN));
        assertThat(first.cached()).isFalse();
        assertThat(second.cached()).isTrue();
        assertThat(second.body()).isEqualTo(first.body());
        assertThat(second.etag()).isEqualTo(first.etag()).isEqualTo(TileService.etag(first.body())).matches("\"[0-9a-f]{32}\"");
        assertThat(first.mediaType()).isEqualTo("image/png");
        // another layer list is another tile
        Tile other = tiles.tile(request(List.of("pois", "buildings"), TileFormat.PNG, 15, col, row, TestCity.ADMIN));
        assertThat(other.cached()).isFalse();
    }

    @Test
    void theOtherTilesOfTheMetatileAreHitsAfterOneIsDrawn() {
        long c0 = col - col % 4;
        long r0 = row - row % 4;
        tiles.tile(request(List.of("buildings"), TileFormat.PNG, 15, c0, r0, TestCity.ADMIN));
        assertThat(cache.stats().tiles()).isEqualTo(16);
        for (long c = c0; c < c0 + 4; c++) {
            for (long r = r0; r < r0 + 4; r++) {
                assertThat(tiles.tile(request(List.of("buildings"), TileFormat.PNG, 15, c, r, TestCity.ADMIN)).cached())
                        .as("%d/%d", c, r).isTrue();
            }
        }
        // at zoom 1 the matrix is 2×2: the metatile is clamped to it
        tiles.tile(request(List.of("buildings"), TileFormat.PNG, 1, 1, 1, TestCity.ADMIN));
        assertThat(cache.stats().tiles()).isEqualTo(16 + 4);
    }

    @Test
    void concurrentRequestsForTilesOfOneMetatileDrawItOnce() throws Exception {
        CountingStore counting = new CountingStore(city.store);
        TileService service = new TileService(counting, city.catalog, city.crs, city.sets, city.styles,
                new io.shikong.tiles.mvt.VectorTiles(counting, city.crs, city.sets, city.projection, TileSettings.defaults().mvt()),
                cache, TileSettings.defaults());
        long c0 = col - col % 4;
        long r0 = row - row % 4;
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            List<Future<Tile>> answers = new ArrayList<>();
            for (int i = 0; i < 16; i++) {
                long c = c0 + i % 4;
                long r = r0 + i / 4;
                answers.add(pool.submit(() -> service.tile(request(List.of("buildings"), TileFormat.PNG8, 15, c, r, TestCity.ADMIN))));
            }
            for (Future<Tile> f : answers) {
                assertThat(f.get().body()).isNotEmpty();
            }
        } finally {
            pool.shutdown();
        }
        assertThat(counting.reads.get()).as("reads of the store").isEqualTo(1);
    }

    @Test
    void refusedRequestsCacheNothing() {
        List<String> many = Collections.nCopies(17, "buildings");
        refused(new TileRequest(List.of("buildings"), null, "NoSuchSet", 15, col, row, TileFormat.PNG, null, TestCity.ADMIN),
                InvalidParameterException.class, "tileMatrixSet");
        refused(request(many, TileFormat.MVT, 15, col, row, TestCity.ADMIN), InvalidParameterException.class, "layers");
        refused(request(List.of(), TileFormat.PNG, 15, col, row, TestCity.ADMIN), InvalidParameterException.class, "layers");
        refused(request(List.of("pois", "pois"), TileFormat.PNG, 15, col, row, TestCity.ADMIN), InvalidParameterException.class, "layers");
        refused(request(List.of("no_such_layer"), TileFormat.PNG, 15, col, row, TestCity.ADMIN), LayerNotFoundException.class, "layer");
        refused(request(List.of("buildings", "pipelines"), TileFormat.MVT, 15, col, row, Caller.ANONYMOUS),
                LayerNotFoundException.class, "layer");
        refused(new TileRequest(List.of("buildings"), "night", TileMatrixSets.WEB_MERCATOR_QUAD, 15, col, row, TileFormat.PNG,
                null, TestCity.ADMIN), InvalidParameterException.class, "style");
        refused(request(List.of("buildings"), TileFormat.PNG, 25, 0, 0, TestCity.ADMIN), TileOutOfRangeException.class, "TileMatrix");
        refused(request(List.of("buildings"), TileFormat.PNG, 15, 1L << 15, row, TestCity.ADMIN), TileOutOfRangeException.class, "TileCol");
        refused(request(List.of("buildings"), TileFormat.MVT, 15, col, -1, TestCity.ADMIN), TileOutOfRangeException.class, "TileRow");
        // Tianditu's levels start at 1, and level 1 is 2×1 tiles
        refused(new TileRequest(List.of("buildings"), null, "c", 0, 0, 0, TileFormat.PNG, null, TestCity.ADMIN),
                TileOutOfRangeException.class, "TileMatrix");
        refused(new TileRequest(List.of("buildings"), null, "c", 1, 0, 1, TileFormat.PNG, null, TestCity.ADMIN),
                TileOutOfRangeException.class, "TileRow");
        assertThat(cache.stats().tiles()).isZero();
    }

    @Test
    void tilesOfRestrictedLayersAreCachedButServedOnlyToCallersWhoMaySeeThem() {
        Tile drawn = tiles.tile(request(List.of("pipelines"), TileFormat.PNG, 15, col, row, PIPES));
        assertThat(drawn.cached()).isFalse();
        assertThat(tiles.tile(request(List.of("pipelines"), TileFormat.PNG, 15, col, row, PIPES)).cached()).isTrue();
        assertThatThrownBy(() -> tiles.tile(request(List.of("pipelines"), TileFormat.PNG, 15, col, row, Caller.ANONYMOUS)))
                .isInstanceOf(LayerNotFoundException.class);
    }

    @Test
    void vectorTilesAreCachedByTheirLayerList() throws Exception {
        long[] city12 = city.densestTile(city.sets.get(TileMatrixSets.WEB_MERCATOR_QUAD), 12, "buildings");
        Tile first = tiles.tile(request(List.of("buildings", "pois"), TileFormat.MVT, 12, city12[0], city12[1], TestCity.ADMIN));
        Tile second = tiles.tile(request(List.of("buildings", "pois"), TileFormat.MVT, 12, city12[0], city12[1], TestCity.ADMIN));
        assertThat(first.cached()).isFalse();
        assertThat(second.cached()).isTrue();
        assertThat(second.etag()).isEqualTo(first.etag());
        assertThat(first.mediaType()).isEqualTo("application/vnd.mapbox-vector-tile");
        List<String> layers = new ArrayList<>();
        for (JtsLayer l : MvtReader.loadMvt(new ByteArrayInputStream(second.body()), new GeometryFactory(),
                new TagKeyValueMapConverter()).getLayers()) {
            layers.add(l.getName());
            assertThat(l.getGeometries()).as(l.getName()).isNotEmpty();
        }
        assertThat(layers).containsExactlyInAnyOrder("buildings", "pois");
        // the style is ignored by vector tiles
        assertThat(tiles.tile(new TileRequest(List.of("buildings", "pois"), "anything", TileMatrixSets.WEB_MERCATOR_QUAD, 12,
                city12[0], city12[1], TileFormat.MVT, null, TestCity.ADMIN)).cached()).isTrue();
    }

    @Test
    void aliasesNameTheSameCachedTiles() {
        TileMatrixSet tianditu = city.sets.get("c");
        tiles.tile(new TileRequest(List.of("buildings"), null, "c", 3, 6, 1, TileFormat.PNG, null, TestCity.ADMIN));
        assertThat(tiles.tile(new TileRequest(List.of("buildings"), "default", tianditu.id(), 3, 6, 1, TileFormat.PNG, null,
                TestCity.ADMIN)).cached()).isTrue();
    }

    private static void refused(TileRequest r, Class<? extends ShikongException> type, String locator) {
        assertThatThrownBy(() -> tiles.tile(r)).as("%s", r).isInstanceOf(type)
                .satisfies(e -> assertThat(((ShikongException) e).locator()).isEqualTo(locator));
    }

    private static TileRequest request(List<String> layers, TileFormat format, int zoom, long c, long r, Caller caller) {
        return new TileRequest(layers, null, TileMatrixSets.WEB_MERCATOR_QUAD, zoom, c, r, format, null, caller);
    }
}
