package io.shikong.tiles.cache;

import static org.assertj.core.api.Assertions.assertThat;

import io.shikong.core.crs.Crs;
import io.shikong.core.feature.Change;
import io.shikong.tiles.TestCity;
import io.shikong.tiles.TileFormat;
import io.shikong.tiles.TileRequest;
import io.shikong.tiles.TileService;
import io.shikong.tiles.TileSettings;
import io.shikong.tiles.grid.TileMatrix;
import io.shikong.tiles.grid.TileMatrixSet;
import io.shikong.tiles.grid.TileMatrixSets;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.locationtech.jts.geom.Envelope;

/**
 * Invalidation by the change events of real writes through the store: exactly the tiles a moved feature's
 * old and new boxes touch (grown by the cache margin) go, at every cached zoom and set; tiles as of an
 * earlier instant, of other layers and far away stay; a cache opened after changes catches up.
 */
class TileCacheTest {

    private static final TileSettings SETTINGS = TileSettings.defaults();

    @TempDir
    Path dir;
    private TestCity city;
    private TileCache cache;
    private TileService tiles;

    @BeforeEach
    void open() {
        city = new TestCity();
        cache = city.cache(dir);
        tiles = city.service(cache);
    }

    @AfterEach
    void close() {
        city.close();
    }

    @Test
    void movingAFeatureInvalidatesExactlyTheTilesItsOldAndNewBoxesTouch() {
        var poi = city.features("pois").get(0);
        double lon = poi.geometry().getCoordinate().x;
        double lat = poi.geometry().getCoordinate().y;
        double newLon = lon + 0.01; // about 800 m east
        Instant before = Instant.now().minus(1, ChronoUnit.HOURS).truncatedTo(ChronoUnit.SECONDS);
        for (double[] at : List.of(new double[] {lon, lat}, new double[] {newLon, lat}, new double[] {lon + 0.2, lat - 0.1})) {
            for (String set : List.of(TileMatrixSets.WEB_MERCATOR_QUAD, TileMatrixSets.CGCS2000_QUAD)) {
                for (int zoom : List.of(12, 14, 16)) {
                    seed(set, zoom, at[0], at[1], List.of("pois"), TileFormat.PNG, null);
                    seed(set, zoom, at[0], at[1], List.of("buildings", "pois"), TileFormat.PNG8, null);
                    seed(set, zoom, at[0], at[1], List.of("buildings"), TileFormat.PNG, null);
                    seed(set, zoom, at[0], at[1], List.of("pois"), TileFormat.MVT, null);
                    seed(set, zoom, at[0], at[1], List.of("pois"), TileFormat.PNG, before);
                }
            }
        }
        Set<String> cached = files(dir);
        long sequence = cache.sequence();

        city.store.write("pois", List.of(new Change.Update(poi.id(), TestCity.point(newLon, lat), Map.of())), TestCity.ADMIN);

        Set<String> expected = new TreeSet<>();
        for (String f : cached) {
            if (!touched(f, List.of(new Envelope(lon, lon, lat, lat), new Envelope(newLon, newLon, lat, lat)))) {
                expected.add(f);
            }
        }
        assertThat(expected.size()).as("tiles kept").isLessThan(cached.size()).isGreaterThan(cached.size() / 2);
        assertThat(files(dir)).isEqualTo(expected);
        assertThat(cache.sequence()).isGreaterThan(sequence);
        // the kept ones include the tiles as of an hour ago where the feature was, and the far-away ones
        assertThat(expected).anyMatch(f -> f.contains("/" + TileKey.timeKey(before) + "/16/"));
        assertThat(expected).anyMatch(f -> f.startsWith("pois/default/WebMercatorQuad/current/16/"));
        // a new request draws the tile again, from the moved feature
        TileMatrixSet set = city.sets.get(TileMatrixSets.WEB_MERCATOR_QUAD);
        long[] tile = tileOf(set, 16, newLon, lat);
        assertThat(tiles.tile(new TileRequest(List.of("pois"), null, set.id(), 16, tile[0], tile[1], TileFormat.PNG, null,
                TestCity.ADMIN)).cached()).isFalse();
    }

    @Test
    void aTileWrittenAfterTheAnswerIsServedUntilWrittenButNeverPastAnInvalidationOfItsLayer() throws Exception {
        TileKey key = new TileKey(List.of("buildings", "pois"), "default", TileMatrixSets.WEB_MERCATOR_QUAD, 16, 54_000, 24_000,
                TileKey.timeKey(null), TileFormat.MVT);
        TileKey other = key.at(54_001, 24_000);
        Path file = key.path(dir.resolve("tiles"));
        byte[] body = {0x1a, 0x02, 0x0a, 0x00};
        java.util.concurrent.CountDownLatch parked = new java.util.concurrent.CountDownLatch(1);
        try {
            cache.onWriter(() -> {
                try {
                    parked.await(); // the writer waits: the tiles below stay pending until released
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            });
            cache.putLater(key, body, cache.generation(key.layers()));
            cache.putLater(other, body, cache.generation(other.layers()));
            assertThat(Files.exists(file)).isFalse();
            assertThat(cache.get(key)).hasValueSatisfying(b -> assertThat(b).isEqualTo(body));
            // an edit of one of its layers while it waits: neither served from memory nor written
            cache.truncate("pois", null, 0, 30, null);
            assertThat(cache.get(key)).isEmpty();
            assertThat(cache.get(other)).isEmpty();
            // drawn before the edit, handed over after it: refused at once
            cache.putLater(key.at(54_002, 24_000), body, cache.generation(key.layers()) - 1);
            assertThat(cache.get(key.at(54_002, 24_000))).isEmpty();
        } finally {
            parked.countDown();
        }
        cache.flush();
        assertThat(Files.exists(file)).isFalse();
        assertThat(cache.stats().tiles()).isZero();
        // one not invalidated is on disk once written
        cache.putLater(key, body, cache.generation(key.layers()));
        cache.flush();
        assertThat(Files.readAllBytes(file)).isEqualTo(body);
        assertThat(cache.get(key)).hasValueSatisfying(b -> assertThat(b).isEqualTo(body));
    }

    @Test
    void aHeldTileIsServedFromMemoryAndWrittenOnlyOnceItsHandOverRunsOrAFlush() throws Exception {
        TileKey key = new TileKey(List.of("buildings", "pois"), "default", TileMatrixSets.WEB_MERCATOR_QUAD, 16, 54_000, 24_000,
                TileKey.timeKey(null), TileFormat.MVT);
        Path file = key.path(dir.resolve("tiles"));
        byte[] body = {0x1a, 0x02, 0x0a, 0x00};
        Runnable handOver = cache.hold(key, body, cache.generation(key.layers()));
        // the writer is idle, yet nothing is written before the hand-over: the writer was not woken
        cache.onWriter(() -> { });
        java.util.concurrent.CountDownLatch idle = new java.util.concurrent.CountDownLatch(1);
        cache.onWriter(idle::countDown);
        idle.await();
        assertThat(Files.exists(file)).isFalse();
        assertThat(cache.get(key)).hasValueSatisfying(b -> assertThat(b).isEqualTo(body));
        handOver.run();
        handOver.run(); // once only
        java.util.concurrent.CountDownLatch written = new java.util.concurrent.CountDownLatch(1);
        cache.onWriter(written::countDown);
        written.await();
        assertThat(Files.readAllBytes(file)).isEqualTo(body);

        // a tile held and never handed over: flush (stats, close) writes it
        TileKey second = key.at(54_001, 24_000);
        cache.hold(second, body, cache.generation(second.layers()));
        assertThat(cache.stats().tiles()).isEqualTo(2);
        assertThat(Files.readAllBytes(second.path(dir.resolve("tiles")))).isEqualTo(body);

        // held, then its layer edited: neither served nor written when handed over
        TileKey third = key.at(54_002, 24_000);
        Runnable late = cache.hold(third, body, cache.generation(third.layers()));
        cache.truncate("pois", null, 0, 30, null);
        assertThat(cache.get(third)).isEmpty();
        late.run();
        cache.flush();
        assertThat(Files.exists(third.path(dir.resolve("tiles")))).isFalse();
        // drawn before an edit, held after it: a no-op
        cache.hold(third, body, cache.generation(third.layers()) - 1).run();
        cache.flush();
        assertThat(Files.exists(third.path(dir.resolve("tiles")))).isFalse();
    }

    @Test
    void tilesHeldPastTheLimitAreHandedOverWithoutWaitingForTheirTasks() throws IOException {
        TileKey key = new TileKey(List.of("pois"), "default", TileMatrixSets.WEB_MERCATOR_QUAD, 16, 54_000, 24_000,
                TileKey.timeKey(null), TileFormat.MVT);
        byte[] body = {0x1a, 0x02, 0x0a, 0x00};
        for (int i = 0; i <= TileCache.PENDING_LIMIT; i++) {
            assertThat(cache.held()).isEqualTo(i);
            cache.hold(key.at(54_000 + i, 24_000), body, cache.generation(key.layers())); // tasks never run
        }
        assertThat(cache.held()).isZero(); // the one past the limit handed them all over
        cache.flush();
        for (int i = 0; i <= TileCache.PENDING_LIMIT; i++) {
            assertThat(Files.readAllBytes(key.at(54_000 + i, 24_000).path(dir.resolve("tiles")))).isEqualTo(body);
        }
    }

    @Test
    void aPutReplacesTheTileAndLeavesNoTemporaryFileBehind() throws IOException {
        TileKey key = new TileKey(List.of("buildings"), "default", TileMatrixSets.WEB_MERCATOR_QUAD, 15, 27_000, 12_000,
                TileKey.timeKey(null), TileFormat.MVT);
        TileKey neighbour = key.at(27_000, 12_001);
        Path file = key.path(dir.resolve("tiles"));
        byte[] first = {0x1a, 0x01, 0x00};
        byte[] second = {0x1a, 0x02, 0x0a, 0x00};
        assertThat(cache.put(key, first, cache.generation(key.layers()))).isTrue();
        assertThat(cache.put(neighbour, first, cache.generation(key.layers()))).isTrue(); // its directory exists now
        assertThat(cache.put(key, second, cache.generation(key.layers()))).isTrue();
        assertThat(Files.readAllBytes(file)).isEqualTo(second);
        assertThat(cache.get(key)).hasValueSatisfying(b -> assertThat(b).isEqualTo(second));
        try (Stream<Path> files = Files.list(file.getParent())) {
            assertThat(files.map(f -> f.getFileName().toString()))
                    .containsExactlyInAnyOrder(file.getFileName().toString(), neighbour.path(dir.resolve("tiles")).getFileName().toString());
        }
        // a put whose write fails (the tile's name taken by a directory) leaves no temporary file either
        TileKey blocked = key.at(27_000, 12_002);
        Files.createDirectories(blocked.path(dir.resolve("tiles")).resolve("x"));
        assertThat(cache.put(blocked, first, cache.generation(key.layers()))).isFalse();
        try (Stream<Path> files = Files.list(file.getParent())) {
            assertThat(files.filter(f -> f.getFileName().toString().startsWith("."))).isEmpty();
        }
    }

    @Test
    void aCacheOpenedAfterChangesCatchesUpFromItsSequence() throws IOException {
        var poi = city.features("pois").get(1);
        double lon = poi.geometry().getCoordinate().x;
        double lat = poi.geometry().getCoordinate().y;
        for (int zoom : List.of(13, 15)) {
            seed(TileMatrixSets.WEB_MERCATOR_QUAD, zoom, lon, lat, List.of("pois"), TileFormat.PNG, null);
            seed(TileMatrixSets.WEB_MERCATOR_QUAD, zoom, lon + 0.3, lat, List.of("pois"), TileFormat.PNG, null);
        }
        // a second node's cache, down while the data changes: a copy nobody listens for
        Path down = Files.createTempDirectory(dir.getParent(), "down");
        copy(dir, down);
        city.store.write("pois", List.of(new Change.Update(poi.id(), TestCity.point(lon - 0.005, lat + 0.005), Map.of())),
                TestCity.ADMIN);
        city.store.write("pois", List.of(new Change.Delete(city.features("pois").get(2).id())), TestCity.ADMIN);
        assertThat(files(down)).isNotEqualTo(files(dir));

        TileCache restarted = city.cache(down);
        assertThat(files(down)).isEqualTo(files(dir)).isNotEmpty();
        assertThat(restarted.sequence()).isEqualTo(city.store.lastChangeSequence()).isEqualTo(cache.sequence());
    }

    @Test
    void aCacheWhoseSequenceTheStoreCannotServeIsDropped() throws IOException {
        seed(TileMatrixSets.WEB_MERCATOR_QUAD, 14, 123.4, 41.8, List.of("pois"), TileFormat.PNG, null);
        Path other = Files.createTempDirectory(dir.getParent(), "ahead");
        copy(dir, other);
        // a sequence the store never reached: the cache belongs to another database
        Files.writeString(other.resolve("sequence"), Long.toString(city.store.lastChangeSequence() + 1000));
        TileCache reopened = city.cache(other);
        assertThat(files(other)).isEmpty();
        assertThat(reopened.sequence()).isEqualTo(city.store.lastChangeSequence());
        // tiles without any sequence are dropped too
        copy(dir, other);
        Files.delete(other.resolve("sequence"));
        city.cache(other);
        assertThat(files(other)).isEmpty();
    }

    @Test
    void aTileDrawnFromDataReadBeforeAChangeIsNotStoredAfterIt() {
        TileKey key = new TileKey(List.of("pois"), "default", TileMatrixSets.WEB_MERCATOR_QUAD, 10, 1, 1, TileKey.CURRENT,
                TileFormat.PNG);
        long generation = cache.generation(List.of("pois"));
        var poi = city.features("pois").get(3);
        city.store.write("pois", List.of(new Change.Delete(poi.id())), TestCity.ADMIN);
        assertThat(cache.put(key, new byte[] {1}, generation)).isFalse();
        assertThat(cache.get(key)).isEmpty();
        // a change of another layer does not concern it
        long fresh = cache.generation(List.of("pois"));
        var building = city.features("buildings").get(0);
        city.store.write("buildings", List.of(new Change.Delete(building.id())), TestCity.ADMIN);
        assertThat(cache.put(key, new byte[] {1}, fresh)).isTrue();
        assertThat(cache.get(key)).contains(new byte[] {1});
    }

    @Test
    void truncateByLayerSetZoomAndArea() {
        for (int zoom : List.of(13, 15)) {
            seed(TileMatrixSets.WEB_MERCATOR_QUAD, zoom, 123.4, 41.8, List.of("pois"), TileFormat.PNG, null);
            seed(TileMatrixSets.WEB_MERCATOR_QUAD, zoom, 123.4, 41.8, List.of("buildings"), TileFormat.PNG, null);
            seed(TileMatrixSets.CGCS2000_QUAD, zoom, 123.4, 41.8, List.of("pois"), TileFormat.PNG, null);
        }
        Set<String> before = files(dir);
        Envelope area = new Envelope(123.39, 123.41, 41.79, 41.81);
        long deleted = cache.truncate("pois", city.sets.get(TileMatrixSets.WEB_MERCATOR_QUAD), 15, 15, area);
        Set<String> expected = new TreeSet<>();
        for (String f : before) {
            String[] p = f.split("/");
            boolean gone = p[0].equals("pois") && p[2].equals(TileMatrixSets.WEB_MERCATOR_QUAD) && p[4].equals("15")
                    && touched(f, List.of(area));
            if (!gone) {
                expected.add(f);
            }
        }
        assertThat(deleted).isEqualTo(before.size() - expected.size()).isPositive();
        assertThat(files(dir)).isEqualTo(expected);
        assertThat(cache.truncate(null, null, 0, 30, null)).isEqualTo(expected.size());
        assertThat(cache.stats().tiles()).isZero();
    }

    /**
     * Whether a cached file (path under tiles/) holds one of the boxes' layer ("pois") in the current state and
     * meets a box grown by the margin: a vector tile by its bounds grown by the MVT buffer, a raster tile by
     * its whole metatile grown by the gutter. Computed here from the CRS service and the matrix numbers.
     */
    private boolean touched(String file, List<Envelope> storageBoxes) {
        String[] p = file.split("/");
        if (!List.of(p[0].split(",")).contains("pois") || !p[3].equals(TileKey.CURRENT)) {
            return false;
        }
        TileMatrixSet set = city.sets.get(p[2]);
        TileMatrix m = set.matrix(Integer.parseInt(p[4])).orElseThrow();
        long col = Long.parseLong(p[5]);
        long row = Long.parseLong(p[6].substring(0, p[6].indexOf('.')));
        boolean vector = p[6].endsWith(".mvt");
        int block = vector ? 1 : SETTINGS.metatile();
        double margin = (vector ? 64.0 * 256 / 4096 : SETTINGS.gutter()) * m.cellSize();
        double minX = m.originX() + (col / block * block) * m.tileSpanX();
        double maxX = m.originX() + Math.min(col / block * block + block, m.matrixWidth()) * m.tileSpanX();
        double maxY = m.originY() - (row / block * block) * m.tileSpanY();
        double minY = m.originY() - Math.min(row / block * block + block, m.matrixHeight()) * m.tileSpanY();
        for (Envelope box : storageBoxes) {
            double[] min = city.crs.transform(box.getMinX(), box.getMinY(), city.crs.storage(), set.crs());
            double[] max = city.crs.transform(box.getMaxX(), box.getMaxY(), city.crs.storage(), set.crs());
            if (min[0] - margin < maxX && max[0] + margin > minX && min[1] - margin < maxY && max[1] + margin > minY) {
                return true;
            }
        }
        return false;
    }

    /** Asks for the tile holding a storage-CRS position (which caches its whole metatile). */
    private void seed(String setId, int zoom, double lon, double lat, List<String> layers, TileFormat format, Instant asOf) {
        TileMatrixSet set = city.sets.get(setId);
        long[] t = tileOf(set, zoom, lon, lat);
        tiles.seed(new TileRequest(layers, null, setId, zoom, t[0], t[1], format, asOf, TestCity.ADMIN));
    }

    private long[] tileOf(TileMatrixSet set, int zoom, double lon, double lat) {
        TileMatrix m = set.matrix(zoom).orElseThrow();
        Crs crs = set.crs();
        double[] xy = city.crs.transform(lon, lat, city.crs.storage(), crs);
        return new long[] {(long) Math.floor((xy[0] - m.originX()) / m.tileSpanX()),
                (long) Math.floor((m.originY() - xy[1]) / m.tileSpanY())};
    }

    /** The cached tile files, as paths under {@code tiles/}. */
    private static Set<String> files(Path root) {
        Path tilesDir = root.resolve("tiles");
        try (Stream<Path> s = Files.walk(tilesDir)) {
            Set<String> out = new TreeSet<>();
            s.filter(Files::isRegularFile).forEach(f -> out.add(tilesDir.relativize(f).toString().replace('\\', '/')));
            return out;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void copy(Path from, Path to) throws IOException {
        List<Path> all = new ArrayList<>();
        try (Stream<Path> s = Files.walk(from)) {
            s.forEach(all::add);
        }
        for (Path p : all) {
            Path target = to.resolve(from.relativize(p).toString());
            if (Files.isDirectory(p)) {
                Files.createDirectories(target);
            } else {
                Files.copy(p, target, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
            }
        }
    }
}
