import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import io.shikong.core.catalog.LayerCatalog;
import io.shikong.core.catalog.LayerDefinition;
import io.shikong.core.crs.CrsService;
import io.shikong.core.query.TimeSelection;
import io.shikong.core.security.Caller;
import io.shikong.core.store.jdbc.PostgisFeatureStore;
import io.shikong.samples.SampleCatalog;
import io.shikong.tiles.grid.TileMatrix;
import io.shikong.tiles.grid.TileMatrixSet;
import io.shikong.tiles.grid.TileMatrixSets;
import io.shikong.tiles.grid.TileProjection;
import io.shikong.tiles.mvt.MvtSettings;
import io.shikong.tiles.mvt.VectorTiles;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The store's vector tile statements through pgJDBC alone, without HTTP: how long the PostGIS store takes for
 * each tile, to tell the statement's cost through the driver (against pgbench's) from the server's around it.
 * Run from source against the server's jar, on a database bench/tiles_bench.py prepared:
 *
 * <pre>
 * java -cp micronaut-api/target/micronaut-api-0.1.0-SNAPSHOT-all.jar bench/tiles/JdbcTiming.java \
 *     jdbc:postgresql://127.0.0.1:5432/shikong_bench_small bench/out/tiles/mvt-tiles.txt WARM_TILES [k=v,...]
 * </pre>
 *
 * The tiles ({@code z x y} per line, WebMercatorQuad, layers buildings and pipelines, an admin caller, default
 * MVT settings) are encoded by the tile service's {@link VectorTiles} on a {@link PostgisFeatureStore} over a
 * HikariCP pool set up as the server's (plan_cache_mode=force_custom_plan; k=v adds pgJDBC properties, e.g.
 * prepareThreshold=1): the warm-up tiles once, then the tiles three times in order, one at a time, each timed
 * (p50/p75/p90/p99/mean per round; -Ddump=FILE writes the last round's latencies in order).
 */
public final class JdbcTiming {
    public static void main(String[] a) throws Exception {
        HikariConfig hc = new HikariConfig();
        hc.setJdbcUrl(a[0]);
        hc.setUsername("shikong");
        hc.setPassword("shikong");
        hc.setMaximumPoolSize(10);
        hc.setMinimumIdle(2);
        hc.addDataSourceProperty("options", "-c plan_cache_mode=force_custom_plan");
        if (a.length > 3) {
            for (String kv : a[3].split(",")) {
                String[] p = kv.split("=", 2);
                hc.addDataSourceProperty(p[0], p[1]);
            }
        }
        LayerCatalog catalog = SampleCatalog.load();
        CrsService crs = new CrsService();
        Caller caller = Caller.of("bench", Caller.ADMIN);
        try (HikariDataSource ds = new HikariDataSource(hc);
             PostgisFeatureStore store = new PostgisFeatureStore(ds, catalog, crs)) {
            TileMatrixSets sets = new TileMatrixSets(crs);
            VectorTiles tiles = new VectorTiles(store, crs, sets, new TileProjection(crs), MvtSettings.defaults());
            TileMatrixSet set = sets.get(TileMatrixSets.WEB_MERCATOR_QUAD);
            List<LayerDefinition> layers = List.of(catalog.layer("buildings", caller), catalog.layer("pipelines", caller));
            List<long[]> warm = read(a[2]);
            List<long[]> set1 = read(a[1]);
            long bytes = 0;
            for (long[] t : warm) {
                bytes += tiles.encode(layers, set, set.matrix((int) t[0]).orElseThrow(), t[1], t[2], TimeSelection.CURRENT, caller).length;
            }
            for (int round = 0; round < 3; round++) {
                double[] ms = new double[set1.size()];
                for (int i = 0; i < ms.length; i++) {
                    long[] t = set1.get(i);
                    long t0 = System.nanoTime();
                    bytes += tiles.encode(layers, set, set.matrix((int) t[0]).orElseThrow(), t[1], t[2], TimeSelection.CURRENT, caller).length;
                    ms[i] = (System.nanoTime() - t0) / 1e6;
                }
                double[] s = ms.clone();
                Arrays.sort(s);
                System.out.printf("round %d: p50 %.2f p75 %.2f p90 %.2f p99 %.2f mean %.2f ms%n", round, s[s.length / 2],
                        s[(int) (s.length * 0.75)], s[(int) (s.length * 0.9)], s[(int) (s.length * 0.99)],
                        Arrays.stream(s).average().orElse(0));
                if (round == 2 && System.getProperty("dump") != null) {
                    StringBuilder b = new StringBuilder();
                    for (double v : ms) b.append(String.format("%.3f%n", v));
                    Files.writeString(Path.of(System.getProperty("dump")), b);
                }
            }
            System.out.println("bytes " + bytes);
        }
    }

    static List<long[]> read(String f) throws Exception {
        List<long[]> out = new ArrayList<>();
        for (String l : Files.readAllLines(Path.of(f))) {
            if (!l.isBlank()) {
                String[] p = l.trim().split("\\s+");
                out.add(new long[] {Long.parseLong(p[0]), Long.parseLong(p[1]), Long.parseLong(p[2])});
            }
        }
        return out;
    }
}
