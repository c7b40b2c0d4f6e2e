package io.shikong.tiles;

import io.shikong.core.catalog.LayerCatalog;
import io.shikong.core.crs.CrsService;
import io.shikong.core.feature.Change;
import io.shikong.core.feature.Feature;
import io.shikong.core.query.Query;
import io.shikong.core.security.Caller;
import io.shikong.core.store.FeatureCursor;
import io.shikong.core.store.FeatureStore;
import io.shikong.core.store.jdbc.EmbeddedFeatureStore;
import io.shikong.samples.SampleCatalog;
import io.shikong.samples.SampleGenerator;
import io.shikong.samples.SampleLoader;
import io.shikong.samples.SampleSize;
import io.shikong.styles.sld.LayerStyles;
import io.shikong.tiles.cache.TileCache;
import io.shikong.tiles.grid.TileMatrix;
import io.shikong.tiles.grid.TileMatrixSet;
import io.shikong.tiles.grid.TileMatrixSets;
import io.shikong.tiles.grid.TileProjection;
import io.shikong.tiles.mvt.VectorTiles;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.locationtech.jts.geom.Coordinate;
import org.locationtech.jts.geom.GeometryFactory;
import org.locationtech.jts.geom.Point;

/**
 * The sample city in a private in-memory embedded store, with the tile service's parts built on it the way
 * micronaut-api wires them. One per test class (writes of one class do not reach another).
 */
public final class TestCity implements AutoCloseable {

    public static final Caller ADMIN = Caller.of("tiles-test", Caller.ADMIN);
    private static final GeometryFactory GEOMETRY = new GeometryFactory();

    public final CrsService crs = new CrsService();
    public final LayerCatalog catalog = SampleCatalog.load();
    public final FeatureStore store;
    public final TileMatrixSets sets = new TileMatrixSets(crs);
    public final TileProjection projection = new TileProjection(crs);
    public final LayerStyles styles = new LayerStyles(catalog);

    public TestCity() {
        store = new EmbeddedFeatureStore(EmbeddedFeatureStore.inMemory("tiles-" + UUID.randomUUID()), catalog, crs);
        store.initialize();
        SampleLoader.load(store, new SampleGenerator(20261124L, new SampleSize(400, 100, 400, 20, 10, 40)), ADMIN);
    }

    /** A tile cache on {@code dir} for tiles made with the default settings. */
    public TileCache cache(Path dir) {
        return new TileCache(dir, store, sets, projection, TileSettings.defaults());
    }

    /** A tile service with the default settings and {@code cache} (or none). */
    public TileService service(TileCache cache) {
        TileSettings settings = TileSettings.defaults();
        VectorTiles mvt = new VectorTiles(store, crs, sets, projection, settings.mvt());
        return new TileService(store, catalog, crs, sets, styles, mvt, cache, settings);
    }

    /** Every current feature of a layer, in the storage CRS. */
    public List<Feature> features(String layer) {
        List<Feature> out = new ArrayList<>();
        try (FeatureCursor c = store.read(Query.of(layer, ADMIN).build())) {
            c.forEachRemaining(out::add);
        }
        return out;
    }

    /** The column and row of the tile of a matrix holding most features of a layer (by their first coordinate). */
    public long[] densestTile(TileMatrixSet set, int zoom, String layer) {
        TileMatrix m = set.matrix(zoom).orElseThrow();
        Map<List<Long>, Integer> counts = new HashMap<>();
        for (Feature f : features(layer)) {
            Coordinate c = f.geometry().getCoordinate();
            double[] xy = crs.transform(c.x, c.y, crs.storage(), set.crs());
            counts.merge(List.of((long) Math.floor((xy[0] - m.originX()) / m.tileSpanX()),
                    (long) Math.floor((m.originY() - xy[1]) / m.tileSpanY())), 1, Integer::sum);
        }
        List<Long> best = counts.entrySet().stream().max(Map.Entry.comparingByValue()).orElseThrow().getKey();
        return new long[] {best.get(0), best.get(1)};
    }

    /** Inserts a point of interest at a storage-CRS position. */
    public void insertPoi(String id, double lon, double lat, String name, String category) {
        store.write("pois", List.of(new Change.Insert(Feature.of(id, point(lon, lat),
                Map.of("name", name, "category", category, "address", "测试路 1 号", "district", "测试区")))), ADMIN);
    }

    public static Point point(double x, double y) {
        return GEOMETRY.createPoint(new Coordinate(x, y));
    }

    @Override
    public void close() {
        store.close();
    }
}
