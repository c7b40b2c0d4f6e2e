package io.shikong.tiles.mvt;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import io.github.sebasbaumh.mapbox.vectortile.adapt.jts.MvtReader;
import io.github.sebasbaumh.mapbox.vectortile.adapt.jts.TagKeyValueMapConverter;
import io.github.sebasbaumh.mapbox.vectortile.adapt.jts.model.JtsLayer;
import io.github.sebasbaumh.mapbox.vectortile.adapt.jts.model.JtsMvt;
import io.shikong.core.catalog.GeometryType;
import io.shikong.core.catalog.LayerCatalog;
import io.shikong.core.catalog.LayerDefinition;
import io.shikong.core.crs.CrsService;
import io.shikong.core.error.LayerNotFoundException;
import io.shikong.core.feature.Feature;
import io.shikong.core.query.Query;
import io.shikong.core.query.TimeSelection;
import io.shikong.core.security.Caller;
import io.shikong.core.store.FeatureCursor;
import io.shikong.core.store.FeatureStore;
import io.shikong.samples.SampleCatalog;
import io.shikong.samples.SampleGenerator;
import io.shikong.samples.SampleLoader;
import io.shikong.samples.SampleSize;
import io.shikong.tiles.grid.TileMatrix;
import io.shikong.tiles.grid.TileMatrixSet;
import io.shikong.tiles.grid.TileMatrixSets;
import io.shikong.tiles.grid.TileProjection;
import io.shikong.tiles.grid.TileRange;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import org.locationtech.jts.geom.Coordinate;
import org.locationtech.jts.geom.Envelope;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.geom.GeometryFactory;
import org.locationtech.jts.geom.Point;

/**
 * What every store's vector tiles must show, decoded with mapbox-vector-tile-java's {@link MvtReader} and
 * GDAL's MVT driver, on the generated Shenyang samples: layer names, the features that meet the buffered
 * tile (counted independently with {@code store.read} and JTS), a known feature's id, attributes and
 * pixel, valid time, restricted layers, the per-zoom limit. Subclassed per store.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class VectorTilesContract {

    static final long SEED = 20261124L;
    static final SampleSize SIZE = new SampleSize(1500, 400, 1500, 300, 20, 300);
    static final Caller LOADER = Caller.of("samples", Caller.ADMIN);
    static final Caller PIPELINES = Caller.of("engineer", "pipelines");
    static final CrsService CRS = new CrsService();
    static final TileMatrixSets SETS = new TileMatrixSets(CRS);
    static final TileProjection PROJECTION = new TileProjection(CRS);
    static final GeometryFactory GF = new GeometryFactory();
    static final List<String> SETS_TESTED = List.of(TileMatrixSets.WEB_MERCATOR_QUAD, TileMatrixSets.WORLD_CRS84_QUAD,
            TileMatrixSets.CGCS2000_QUAD, TileMatrixSets.WEB_MERCATOR_QUAD_GCJ02);

    LayerCatalog catalog;
    FeatureStore store;
    VectorTiles tiles;
    /** The first current POI in id order: the known point feature. */
    Feature poi;

    /** A fresh, initialized, empty store on {@code catalog}. */
    abstract FeatureStore createStore(LayerCatalog catalog) throws Exception;

    @BeforeAll
    void loadSamples() throws Exception {
        catalog = SampleCatalog.load();
        store = createStore(catalog);
        SampleLoader.load(store, new SampleGenerator(SEED, SIZE), LOADER);
        tiles = new VectorTiles(store, CRS, SETS, PROJECTION, MvtSettings.defaults());
        try (FeatureCursor c = store.read(Query.of("pois", LOADER).limit(1).build())) {
            poi = c.next();
        }
    }

    @AfterAll
    void closeStore() {
        store.close();
    }

    LayerDefinition layer(String name) {
        return catalog.layer(name, LOADER);
    }

    /** The tile of {@code set} at {@code zoom} holding a storage-CRS point. */
    static long[] tileOf(TileMatrixSet set, int zoom, Coordinate storage) {
        Envelope e = PROJECTION.toTiles(set, new Envelope(storage));
        TileRange r = set.matrix(zoom).orElseThrow().range(e);
        return new long[] {r.minCol(), r.minRow()};
    }

    byte[] tile(VectorTiles t, List<String> layers, TileMatrixSet set, int zoom, long[] colRow, TimeSelection time,
                Caller caller) {
        TileMatrix m = set.matrix(zoom).orElseThrow();
        return t.encode(layers.stream().map(this::layer).toList(), set, m, colRow[0], colRow[1], time, caller);
    }

    static JtsMvt decode(byte[] tile) {
        try {
            return MvtReader.loadMvt(new ByteArrayInputStream(tile), GF, new TagKeyValueMapConverter(false, "mvt_id"),
                    MvtReader.RING_CLASSIFIER_V2_1);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> tags(Geometry g) {
        return (Map<String, Object>) g.getUserData();
    }

    /** The ids of a decoded layer (the {@code id} property of text ids), sorted; empty when the layer is absent. */
    static TreeSet<String> ids(JtsMvt mvt, String layer) {
        TreeSet<String> ids = new TreeSet<>();
        JtsLayer l = mvt.getLayer(layer);
        if (l != null) {
            l.getGeometries().forEach(g -> ids.add(String.valueOf(tags(g).get("id"))));
        }
        return ids;
    }

    /** Independently: the features whose geometry meets the tile grown by 64/4096 of its size. */
    TreeSet<String> expectedIds(String layer, TileMatrixSet set, int zoom, long[] colRow, TimeSelection time) {
        return expectedIds(layer, set, zoom, colRow, time, 64);
    }

    /**
     * Checks a decoded layer against the features meeting the buffered tile, computed independently. A
     * polygon or line meeting the buffered tile's edge in a sliver thinner than a tile unit collapses when
     * snapped to the tile grid and is rightly left out (so do PostGIS and the Java encoder alike): the
     * layer holds every feature meeting the tile grown by 63 units, and none not meeting it grown by 65.
     * Points are exact.
     */
    void assertHoldsTheFeaturesMeetingTheBufferedTile(JtsMvt mvt, String layer, TileMatrixSet set, int zoom,
                                                      long[] at, TimeSelection time) {
        TreeSet<String> actual = ids(mvt, layer);
        String as = set.id() + " " + zoom + "/" + at[0] + "/" + at[1] + " " + layer;
        GeometryType type = layer(layer).geometryType();
        if (type == GeometryType.POINT || type == GeometryType.MULTIPOINT) {
            assertThat(actual).as(as).isEqualTo(expectedIds(layer, set, zoom, at, time, 64));
            return;
        }
        assertThat(actual).as(as).containsAll(expectedIds(layer, set, zoom, at, time, 63));
        assertThat(expectedIds(layer, set, zoom, at, time, 65)).as(as).containsAll(actual);
    }

    /** The features whose geometry meets the tile grown by {@code units} of 4096 per tile. */
    TreeSet<String> expectedIds(String layer, TileMatrixSet set, int zoom, long[] colRow, TimeSelection time,
                                int units) {
        Envelope tile = set.matrix(zoom).orElseThrow().tileBounds(colRow[0], colRow[1]);
        double d = tile.getWidth() * units / 4096;
        Envelope buffered = new Envelope(tile);
        buffered.expandBy(d, tile.getHeight() * units / 4096);
        Geometry box = GF.toGeometry(buffered);
        Envelope search = new Envelope(buffered);
        search.expandBy(buffered.getWidth(), buffered.getHeight());
        TreeSet<String> ids = new TreeSet<>();
        try (FeatureCursor c = store.read(Query.of(layer, LOADER).time(time)
                .bbox(PROJECTION.toStorage(set, search), CRS.storage()).build())) {
            c.forEachRemaining(f -> {
                if (PROJECTION.toTiles(set, f.geometry()).intersects(box)) {
                    ids.add(f.id());
                }
            });
        }
        return ids;
    }

    @Test
    void layersHoldExactlyTheFeaturesMeetingTheBufferedTile() {
        List<String> layers = List.of("buildings", "pois", "eco_red_lines", "street_view");
        for (Coordinate point : List.of(poi.geometry().getCoordinate(), CENTRE))
        for (String setId : SETS_TESTED) {
            TileMatrixSet set = SETS.get(setId);
            long[] at = tileOf(set, 15, point);
            JtsMvt mvt = decode(tile(tiles, layers, set, 15, at, TimeSelection.CURRENT, Caller.ANONYMOUS));
            List<String> expectedLayers = new ArrayList<>();
            for (String l : layers) {
                assertHoldsTheFeaturesMeetingTheBufferedTile(mvt, l, set, 15, at, TimeSelection.CURRENT);
                if (!ids(mvt, l).isEmpty()) {
                    expectedLayers.add(l);
                }
            }
            assertThat(mvt.getLayersByName().keySet()).as(setId).containsExactlyInAnyOrderElementsOf(expectedLayers);
            assertThat(expectedLayers).as(setId).contains(point == CENTRE ? "buildings" : "pois");
        }
    }

    @Test
    void theKnownPointHasItsIdAttributesAndPixel() {
        Coordinate lonLat = poi.geometry().getCoordinate();
        for (String setId : List.of(TileMatrixSets.WEB_MERCATOR_QUAD, TileMatrixSets.CGCS2000_QUAD)) {
            TileMatrixSet set = SETS.get(setId);
            int zoom = 16;
            long[] at = tileOf(set, zoom, lonLat);
            JtsMvt mvt = decode(tile(tiles, List.of("pois"), set, zoom, at, TimeSelection.CURRENT, Caller.ANONYMOUS));
            Geometry g = mvt.getLayer("pois").getGeometries().stream()
                    .filter(f -> poi.id().equals(tags(f).get("id"))).findFirst().orElseThrow();
            assertThat(g).isInstanceOf(Point.class);
            assertThat(tags(g)).containsEntry("name", poi.get("name")).containsEntry("category", poi.get("category"))
                    .containsEntry("address", poi.get("address")).containsEntry("district", poi.get("district"))
                    .containsEntry("mvt_id", null); // a text id is a property; the MVT feature id is an integer
            // the pixel from the lon/lat by the textbook formulas, not the matrix arithmetic
            double px;
            double py;
            if (setId.equals(TileMatrixSets.WEB_MERCATOR_QUAD)) {
                double n = 1L << zoom;
                double lat = Math.toRadians(lonLat.y);
                px = ((lonLat.x + 180) / 360 * n - at[0]) * 4096;
                py = ((1 - Math.log(Math.tan(lat) + 1 / Math.cos(lat)) / Math.PI) / 2 * n - at[1]) * 4096;
            } else {
                double span = 180.0 / (1L << (zoom - 1)); // Tianditu level L: 180° / 2^(L-1) per tile
                px = ((lonLat.x + 180) / span - at[0]) * 4096;
                py = ((90 - lonLat.y) / span - at[1]) * 4096;
            }
            assertThat(g.getCoordinate().x).as(setId).isCloseTo(px, within(0.51));
            assertThat(g.getCoordinate().y).as(setId).isCloseTo(py, within(0.51));
        }
    }

    @Test
    void aFeatureIsAbsentAsOfBeforeItsValidFrom() {
        Instant born = firstValidFrom("pois", poi.id());
        TileMatrixSet set = SETS.get(TileMatrixSets.WEB_MERCATOR_QUAD);
        long[] at = tileOf(set, 15, poi.geometry().getCoordinate());
        JtsMvt before = decode(tile(tiles, List.of("pois"), set, 15, at, TimeSelection.asOf(born.minusSeconds(1)),
                Caller.ANONYMOUS));
        JtsMvt then = decode(tile(tiles, List.of("pois"), set, 15, at, TimeSelection.asOf(born), Caller.ANONYMOUS));
        assertThat(ids(before, "pois")).doesNotContain(poi.id())
                .isEqualTo(expectedIds("pois", set, 15, at, TimeSelection.asOf(born.minusSeconds(1))));
        assertThat(ids(then, "pois")).contains(poi.id())
                .isEqualTo(expectedIds("pois", set, 15, at, TimeSelection.asOf(born)));
    }

    Instant firstValidFrom(String layer, String id) {
        try (FeatureCursor c = store.history(layer, id, LOADER)) {
            return c.next().validFrom();
        }
    }

    @Test
    void restrictedLayersOnlyForCallersWhoMaySeeThem() {
        TileMatrixSet set = SETS.get(TileMatrixSets.WEB_MERCATOR_QUAD);
        long[] at = tileOf(set, 13, poi.geometry().getCoordinate());
        for (String setId : List.of(TileMatrixSets.WEB_MERCATOR_QUAD, TileMatrixSets.WEB_MERCATOR_QUAD_GCJ02)) {
            assertThatThrownBy(() -> tile(tiles, List.of("pois", "pipelines"), SETS.get(setId), 13, at,
                    TimeSelection.CURRENT, Caller.ANONYMOUS)).as(setId).isInstanceOf(LayerNotFoundException.class);
        }
        JtsMvt mvt = decode(tile(tiles, List.of("pipelines"), set, 13, at, TimeSelection.CURRENT, PIPELINES));
        assertHoldsTheFeaturesMeetingTheBufferedTile(mvt, "pipelines", set, 13, at, TimeSelection.CURRENT);
        assertThat(ids(mvt, "pipelines")).isNotEmpty();
        Geometry line = mvt.getLayer("pipelines").getGeometries().iterator().next();
        assertThat(line.getDimension()).isEqualTo(1);
        assertThat(tags(line)).containsKeys("network", "diameter_mm", "material");
    }

    /** Shenyang's centre (Shenyang Road), where the samples are densest. */
    static final Coordinate CENTRE = new Coordinate(123.43, 41.80);

    @Test
    void thePerZoomLimitHolds() {
        TileMatrixSet set = SETS.get(TileMatrixSets.WEB_MERCATOR_QUAD);
        long[] at = tileOf(set, 10, CENTRE);
        TreeSet<String> all = ids(decode(tile(tiles, List.of("buildings"), set, 10, at, TimeSelection.CURRENT,
                Caller.ANONYMOUS)), "buildings");
        TreeSet<String> seven = ids(decode(tile(limited(), List.of("buildings"), set, 10, at, TimeSelection.CURRENT,
                Caller.ANONYMOUS)), "buildings");
        assertThat(all.size()).isGreaterThan(7);
        assertThat(seven).hasSizeBetween(1, 7);
        assertThat(all).containsAll(seven);
        // the first candidates in id order
        assertThat(seven.first()).isEqualTo(all.first());
        TreeSet<String> moreAtZ11 = ids(decode(tile(limited(), List.of("buildings"), set, 11, tileOf(set, 11, CENTRE),
                TimeSelection.CURRENT, Caller.ANONYMOUS)), "buildings");
        assertThat(moreAtZ11.size()).isGreaterThan(7);
    }

    /** Tiles of at most 7 features per layer at zoom 10 only. */
    VectorTiles limited() {
        return new VectorTiles(store, CRS, SETS, PROJECTION,
                MvtSettings.defaults().withLimits(new TreeMap<>(Map.of(0, 1000, 10, 7, 11, 1000))));
    }

    @Test
    void aTileWithNothingIsZeroBytes() {
        TileMatrixSet set = SETS.get(TileMatrixSets.WEB_MERCATOR_QUAD);
        assertThat(tile(tiles, List.of("buildings", "pois"), set, 15, new long[] {0, 0}, TimeSelection.CURRENT,
                Caller.ANONYMOUS)).isEmpty();
    }

    @Test
    void attributeSelectionFromTheSettings() {
        VectorTiles some = new VectorTiles(store, CRS, SETS, PROJECTION,
                MvtSettings.defaults().withAttributes(Map.of("pois", List.of("category"))));
        TileMatrixSet set = SETS.get(TileMatrixSets.WEB_MERCATOR_QUAD);
        JtsMvt mvt = decode(tile(some, List.of("pois"), set, 15, tileOf(set, 15, poi.geometry().getCoordinate()),
                TimeSelection.CURRENT, Caller.ANONYMOUS));
        mvt.getLayer("pois").getGeometries().forEach(g -> assertThat(tags(g).keySet())
                .containsExactlyInAnyOrder("id", "category", "mvt_id"));
    }

    @Test
    void gdalReadsTheTile(@TempDir Path dir) throws Exception {
        TileMatrixSet set = SETS.get(TileMatrixSets.WEB_MERCATOR_QUAD);
        long[] at = tileOf(set, 15, poi.geometry().getCoordinate());
        byte[] tile = tile(tiles, List.of("buildings", "pois"), set, 15, at, TimeSelection.CURRENT, Caller.ANONYMOUS);
        JtsMvt mvt = decode(tile);
        Map<String, Integer> counts = gdalFeatureCounts(dir, 15, at, tile);
        assertThat(counts).containsOnlyKeys("buildings", "pois");
        assertThat(counts.get("pois")).isEqualTo(mvt.getLayer("pois").getGeometries().size());
        assertThat(counts.get("buildings")).isEqualTo(mvt.getLayer("buildings").getGeometries().size());
    }

    /** Feature count per layer as {@code ogrinfo} (GDAL's MVT driver) reports it for the tile written as z/x/y.pbf. */
    static Map<String, Integer> gdalFeatureCounts(Path dir, int z, long[] colRow, byte[] tile) throws Exception {
        Path file = dir.resolve(z + "/" + colRow[0] + "/" + colRow[1] + ".pbf");
        Files.createDirectories(file.getParent());
        Files.write(file, tile);
        Process p = new ProcessBuilder("ogrinfo", "-ro", "-al", "-so", "MVT:" + file).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(p.exitValue()).as(out).isZero();
        Map<String, Integer> counts = new TreeMap<>();
        Matcher m = Pattern.compile("Layer name: (\\S+)[\\s\\S]*?Feature Count: (\\d+)").matcher(out);
        while (m.find()) {
            counts.put(m.group(1), Integer.parseInt(m.group(2)));
        }
        return counts;
    }
}
