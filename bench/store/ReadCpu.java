import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import io.shikong.core.catalog.LayerCatalog;
import io.shikong.core.crs.Crs;
import io.shikong.core.crs.CrsService;
import io.shikong.core.feature.Feature;
import io.shikong.core.query.Query;
import io.shikong.core.query.TimeSelection;
import io.shikong.core.security.Caller;
import io.shikong.core.store.FeatureCursor;
import io.shikong.core.store.jdbc.PostgisFeatureStore;
import io.shikong.samples.SampleCatalog;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import org.locationtech.jts.geom.Envelope;

/**
 * CPU per read of the PostGIS store, this process's and its PostgreSQL backend's (utime + stime from /proc), which
 * contention on a shared machine changes far less than wall time. One pooled connection (so one backend), set up as
 * the server's (plan_cache_mode=force_custom_plan), on a database of the sample city (bench/prepare-db.sh,
 * e.g. shikong_bench_ogc). Run from source against the server's jar:
 *
 * <pre>
 * java -cp micronaut-api/target/micronaut-api-0.1.0-SNAPSHOT-all.jar bench/store/ReadCpu.java DB WORK N WARMUP [drawing]
 * </pre>
 *
 * WORK {@code map}: the three layers of the WMS benchmark (eco_red_lines, buildings, pipelines) read as the map
 * renderer reads them for a 1024x768 EPSG:4326 map 0.16 degrees wide around the city centre (bbox by the index,
 * the standard styles' properties, output in EPSG:4326; {@code drawing} adds {@code Query.drawing(true)});
 * {@code wfsN}: a WFS GetFeature of N buildings as the GML answer reads them (the count of the bbox, then the
 * page of N in id order with every property), in a box holding about 1.6 N. Prints wall, JVM and PostgreSQL
 * CPU milliseconds per map or request (after WARMUP of them, mean of N) and the features read per operation.
 */
public final class ReadCpu {

    private static long backend;
    private static long sink;
    private static long features;

    public static void main(String[] a) throws Exception {
        String db = a[0];
        String work = a[1];
        int n = Integer.parseInt(a[2]);
        int warm = Integer.parseInt(a[3]);
        boolean drawing = a.length > 4 && a[4].equals("drawing");
        HikariConfig hc = new HikariConfig();
        hc.setJdbcUrl("jdbc:postgresql://127.0.0.1:5432/" + db);
        hc.setUsername("shikong");
        hc.setPassword("shikong");
        hc.setMaximumPoolSize(1);
        hc.setMinimumIdle(1);
        hc.addDataSourceProperty("options", "-c plan_cache_mode=force_custom_plan");
        LayerCatalog catalog = SampleCatalog.load();
        CrsService crsService = new CrsService();
        Crs wgs84 = crsService.resolve("EPSG:4326");
        Crs cgcs = crsService.resolve("EPSG:4490");
        Caller caller = Caller.of("bench", Caller.ADMIN);
        try (HikariDataSource ds = new HikariDataSource(hc);
             PostgisFeatureStore store = new PostgisFeatureStore(ds, catalog, crsService)) {
            try (Connection c = ds.getConnection(); ResultSet rs = c.createStatement().executeQuery("SELECT pg_backend_pid()")) {
                rs.next();
                backend = rs.getLong(1);
            }
            Map<String, List<String>> styles = new LinkedHashMap<>();
            styles.put("eco_red_lines", List.of("protection_level", "zone_name"));
            styles.put("buildings", List.of("use"));
            styles.put("pipelines", List.of("network", "diameter_mm"));
            Random rnd = new Random(15);
            List<Runnable> ops = new ArrayList<>();
            for (int m = 0; m < n + warm; m++) {
                if (work.equals("map")) {
                    double cx = 123.43 + (rnd.nextDouble() - 0.5) * 0.16;
                    double cy = 41.80 + (rnd.nextDouble() - 0.5) * 0.10;
                    Envelope area = new Envelope(cx - 0.08, cx + 0.08, cy - 0.06, cy + 0.06);
                    ops.add(() -> {
                        for (var e : styles.entrySet()) {
                            Query.Builder b = Query.of(e.getKey(), caller).bbox(area, wgs84).properties(e.getValue())
                                    .time(TimeSelection.CURRENT).outputCrs(wgs84).bboxIndexOnly(true);
                            if (drawing) {
                                drawing(b);
                            }
                            consume(store.read(b.build()), e.getValue());
                        }
                    });
                } else if (work.startsWith("wfs")) {
                    int limit = Integer.parseInt(work.substring(3));
                    double half = 0.0135 * Math.sqrt(limit / 1000.0);
                    double cx = 123.43 + (rnd.nextDouble() - 0.5) * 0.06;
                    double cy = 41.80 + (rnd.nextDouble() - 0.5) * 0.04;
                    Envelope box = new Envelope(cx - half, cx + half, cy - half * 0.75, cy + half * 0.75);
                    ops.add(() -> {
                        Query base = Query.of("buildings", caller).bbox(box, cgcs).time(TimeSelection.CURRENT)
                                .outputCrs(cgcs).build();
                        sink += store.count(base);
                        consume(store.read(base.toBuilder().limit(limit).build()), List.of("name", "use", "floors"));
                    });
                } else {
                    throw new IllegalArgumentException("work: map or wfsN, not " + work);
                }
            }
            for (int i = 0; i < warm; i++) {
                ops.get(i).run();
            }
            features = 0;
            long w0 = System.nanoTime();
            long j0 = jvmCpu();
            long p0 = backendTicks();
            for (int i = warm; i < ops.size(); i++) {
                ops.get(i).run();
            }
            long w1 = System.nanoTime();
            long j1 = jvmCpu();
            long p1 = backendTicks();
            double jvm = (j1 - j0) / 1e6 / n;
            double pg = (p1 - p0) * 10.0 / n; // clock ticks of 10 ms
            System.out.printf(Locale.ROOT, "%s %s%s n=%d wall=%.1f ms jvm=%.1f ms postgres=%.1f ms cpu=%.1f ms features=%d%n",
                    db, work, drawing ? " drawing" : "", n, (w1 - w0) / 1e6 / n, jvm, pg, jvm + pg, features / n);
        }
    }

    /** Query.Builder.drawing(true), by reflection so that this also runs against jars from before it. */
    private static void drawing(Query.Builder b) {
        try {
            b.getClass().getMethod("drawing", boolean.class).invoke(b, true);
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("this store has no Query.drawing", e);
        }
    }

    private static void consume(FeatureCursor cursor, List<String> properties) {
        try (cursor) {
            while (cursor.hasNext()) {
                Feature f = cursor.next();
                features++;
                sink += f.geometry().getNumPoints();
                for (String p : properties) {
                    Object v = f.get(p);
                    sink += v == null ? 0 : v.hashCode();
                }
            }
        }
    }

    private static long jvmCpu() {
        return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean()).getProcessCpuTime();
    }

    private static long backendTicks() throws Exception {
        String s = Files.readString(Path.of("/proc/" + backend + "/stat"));
        String[] f = s.substring(s.lastIndexOf(')') + 2).split(" ");
        return Long.parseLong(f[11]) + Long.parseLong(f[12]);
    }
}
