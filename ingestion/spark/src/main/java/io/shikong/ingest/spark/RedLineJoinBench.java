package io.shikong.ingest.spark;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SaveMode;
import org.apache.spark.sql.SparkSession;

/**
 * The Sedona benchmark (run by {@code bench/sedona-vs-postgis.sh}): the red-line proximity join,
 * every point within 500 m of a zone with its distance, at 1M points × 10k zones, on Sedona
 * ({@code local[2]}) and in PostGIS (GiST indexes, {@code jit = off},
 * {@code max_parallel_workers_per_gather = 0}), printing both times and their ratio (target ≤ 1.5×).
 *
 * <p>The data are made once in PostGIS from a fixed seed (points and zones scattered over Shenyang, zones
 * as 16-sided polygons of 150–400 m radius, all in EPSG:4529 metres so both engines compute plain planar
 * distances), exported once to GeoParquet with Sedona, then each engine runs the join
 * {@code --rounds} times after a warm-up: Sedona from the GeoParquet files to the aggregated result
 * (count of pairs, sum of distances), PostGIS the same statement. Both results must agree.
 */
public final class RedLineJoinBench {

    private static final Set<String> OPTIONS = Set.of("jdbc-url", "user", "password", "points", "zones", "rounds", "data");

    private RedLineJoinBench() {
    }

    /** Runs the benchmark; options {@code --jdbc-url --user --password --points --zones --rounds --data DIR}. */
    public static void main(String[] args) throws Exception {
        JobArguments a = JobArguments.parse(args, OPTIONS, Set.of());
        JdbcTarget jdbc = JdbcTarget.of(a);
        int points = a.integer("points", 1_000_000, 1);
        int zones = a.integer("zones", 10_000, 1);
        int rounds = a.integer("rounds", 3, 1);
        Path data = Path.of(a.get("data", "bench/results/sedona"));
        String suffix = points + "_" + zones;
        String settings;
        try (Connection c = jdbc.connect(); Statement st = c.createStatement()) {
            prepare(st, points, zones, suffix);
            try (ResultSet rs = st.executeQuery("SELECT current_setting('jit') || ', max_parallel_workers_per_gather = '"
                    + " || current_setting('max_parallel_workers_per_gather')")) {
                rs.next();
                settings = "jit = " + rs.getString(1);
            }
        }
        SparkSession spark = SparkSessions.create("shikong-bench-redline");
        try {
            Path pointsParquet = data.resolve("points_" + suffix + ".parquet");
            Path zonesParquet = data.resolve("zones_" + suffix + ".parquet");
            export(spark, jdbc, "bench_points_" + suffix, pointsParquet);
            export(spark, jdbc, "bench_zones_" + suffix, zonesParquet);
            String sedonaSql = "SELECT count(*), sum(ST_Distance(p.geom, z.geom)) FROM bench_p p JOIN bench_z z "
                    + "ON ST_Distance(p.geom, z.geom) <= 500";
            Runnable sedona = () -> {
                spark.read().format("geoparquet").load(pointsParquet.toString()).createOrReplaceTempView("bench_p");
                spark.read().format("geoparquet").load(zonesParquet.toString()).createOrReplaceTempView("bench_z");
                Row r = spark.sql(sedonaSql).first();
                lastSedona = r.getLong(0) + " pairs, " + String.format(Locale.ROOT, "%.1f", r.getDouble(1)) + " m";
            };
            String pgSql = "SELECT count(*), sum(ST_Distance(p.geom, z.geom)) FROM bench_points_" + suffix + " p JOIN bench_zones_"
                    + suffix + " z ON ST_DWithin(p.geom, z.geom, 500)";
            double sedonaS = median(sedona, rounds);
            double pgS;
            try (Connection c = jdbc.connect()) {
                pgS = median(() -> {
                    try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery(pgSql)) {
                        rs.next();
                        lastPostgis = rs.getLong(1) + " pairs, " + String.format(Locale.ROOT, "%.1f", rs.getDouble(2)) + " m";
                    } catch (SQLException e) {
                        throw new IllegalStateException(e);
                    }
                }, rounds);
            }
            System.out.printf(Locale.ROOT, "red-line join, %,d points x %,d zones, within 500 m (%s)%n", points, zones, settings);
            System.out.printf(Locale.ROOT, "  Sedona local[2] (from GeoParquet): %8.2f s  %s%n", sedonaS, lastSedona);
            System.out.printf(Locale.ROOT, "  PostGIS (GiST, one statement):     %8.2f s  %s%n", pgS, lastPostgis);
            System.out.printf(Locale.ROOT, "  ratio Sedona / PostGIS: %.2f (target <= 1.5)%n", sedonaS / pgS);
            if (!lastSedona.equals(lastPostgis)) {
                System.out.println("  WARNING: the two results differ");
            }
        } finally {
            spark.stop();
        }
    }

    private static volatile String lastSedona = "";
    private static volatile String lastPostgis = "";

    /** Median seconds of {@code rounds} runs after one warm-up. */
    private static double median(Runnable run, int rounds) {
        run.run();
        List<Double> times = new ArrayList<>();
        for (int i = 0; i < rounds; i++) {
            long t0 = System.nanoTime();
            run.run();
            times.add((System.nanoTime() - t0) / 1e9);
        }
        Collections.sort(times);
        return times.get(times.size() / 2);
    }

    /** Makes the two tables (fixed seed) unless they exist. */
    private static void prepare(Statement st, int points, int zones, String suffix) throws SQLException {
        String p = "bench_points_" + suffix;
        String z = "bench_zones_" + suffix;
        try (ResultSet rs = st.executeQuery("SELECT to_regclass('" + p + "') IS NOT NULL AND to_regclass('" + z + "') IS NOT NULL")) {
            rs.next();
            if (rs.getBoolean(1)) {
                return;
            }
        }
        System.out.println("making " + points + " points and " + zones + " zones in PostGIS ...");
        st.execute("DROP TABLE IF EXISTS " + p + ", " + z);
        st.execute("SELECT setseed(0.2026)");
        // Shenyang, in CGCS2000 / 3-degree GK zone 41 (EPSG:4529) metres
        st.execute("CREATE TABLE " + p + " AS SELECT g AS id, ST_Transform(ST_SetSRID(ST_MakePoint(122.9 + random() * 0.9, "
                + "41.5 + random() * 0.6), 4490), 4529) AS geom FROM generate_series(1, " + points + ") g");
        st.execute("CREATE TABLE " + z + " AS SELECT g AS id, ST_Buffer(ST_Transform(ST_SetSRID(ST_MakePoint(122.9 + random() * 0.9, "
                + "41.5 + random() * 0.6), 4490), 4529), 150 + random() * 250, 4) AS geom FROM generate_series(1, " + zones + ") g");
        st.execute("ALTER TABLE " + p + " ADD PRIMARY KEY (id)");
        st.execute("ALTER TABLE " + z + " ADD PRIMARY KEY (id)");
        st.execute("CREATE INDEX ON " + p + " USING GIST (geom)");
        st.execute("CREATE INDEX ON " + z + " USING GIST (geom)");
        st.execute("VACUUM ANALYZE " + p);
        st.execute("VACUUM ANALYZE " + z);
    }

    /** Exports a table to GeoParquet with Sedona once. */
    private static void export(SparkSession spark, JdbcTarget jdbc, String table, Path out) throws Exception {
        if (Files.exists(out)) {
            return;
        }
        spark.read().jdbc(jdbc.url(), "(SELECT id, ST_AsBinary(geom) AS wkb FROM " + table + ") t", jdbc.properties())
                .selectExpr("id", "ST_SetSRID(ST_GeomFromWKB(wkb), 4529) AS geom")
                .write().mode(SaveMode.Overwrite).format("geoparquet").save(out.toString());
    }
}
