package io.shikong.bench;

import io.shikong.core.crs.CrsService;
import io.shikong.core.redline.CheckReport;
import io.shikong.core.redline.RedLineChecker;
import io.shikong.core.redline.RedLineIndex;
import io.shikong.core.security.Caller;
import io.shikong.core.store.jdbc.PostgisFeatureStore;
import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.io.WKTReader;

/**
 * The red-line check in process, as the service runs it (index built from PostGIS, prepared geometries,
 * areas in the Gauss-Krueger zone), timed per check. Run by bench/redline_vs_postgis.py from the
 * benchmarks jar: java -cp bench/jmh/target/benchmarks.jar io.shikong.bench.RedLineCheckBench DB WKTFILE
 * Prints one line per check: milliseconds and the verdict.
 */
public class RedLineCheckBench {
    public static void main(String[] args) throws Exception {
        HikariConfig hc = new HikariConfig();
        hc.setJdbcUrl("jdbc:postgresql://127.0.0.1:5432/" + args[0]);
        hc.setUsername("shikong");
        hc.setPassword("shikong");
        CrsService crs = new CrsService();
        try (var store = new PostgisFeatureStore(new HikariDataSource(hc), io.shikong.samples.SampleCatalog.load(), crs)) {
            RedLineIndex index = new RedLineIndex(store, "eco_red_lines", Caller.of("bench", Caller.ADMIN));
            index.snapshot();
            RedLineChecker checker = new RedLineChecker(index, crs, crs.storage());
            List<Geometry> footprints = new ArrayList<>();
            for (String wkt : Files.readAllLines(Path.of(args[1]))) {
                Geometry g = new WKTReader().read(wkt);
                g.setSRID(4490);
                footprints.add(g);
            }
            // warm the JIT on the whole set, as a service that has been running would be
            for (int pass = 0; pass < 10; pass++) {
                for (Geometry g : footprints) {
                    checker.check(List.of(g), 0, Instant.now(), false);
                }
            }
            for (Geometry g : footprints) {
                long t0 = System.nanoTime();
                CheckReport r = checker.check(List.of(g), 0, Instant.now(), false);
                System.out.println((System.nanoTime() - t0) / 1e6 + " " + r.footprints().get(0).verdict());
            }
        }
    }
}
