package io.shikong.ingest.spark;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.apache.spark.sql.SparkSession;

/**
 * Runs the sectors' analytical joins on Sedona and writes their result tables to PostGIS ({@link Analyses},
 * {@link ResultTables}), for the services to publish:
 *
 * <pre>
 * spark-submit --class io.shikong.ingest.spark.AnalyticsJob ingestion-spark.jar \
 *   --jdbc-url URL --user U [--password P] [--job all|redline-proximity|pipelines-under-buildings|floor-area-by-year]
 *   [--distance 500] [--projected-srid 4529] [--partitions N] [--from-year Y] [--to-year Y]
 *   [--zones eco_red_lines] [--sites inspection_sites] [--pois pois] [--pipelines pipelines] [--buildings buildings]
 * </pre>
 *
 * The layer tables default to the sample catalog's names (their attributes are the catalog's sector roles:
 * {@code zone_name}, {@code name}, {@code network}, {@code district}, {@code use}, {@code floors}); the
 * result tables are {@value Analyses#REDLINE_PROXIMITY}, {@value Analyses#PIPELINES_UNDER_BUILDINGS} and
 * {@value Analyses#FLOOR_AREA_BY_YEAR} in the connection's schema. Exit status 0 done, 1 failed, 2 bad
 * arguments.
 */
public final class AnalyticsJob {

    private static final Set<String> OPTIONS = Set.of("jdbc-url", "user", "password", "job", "distance", "projected-srid",
            "partitions", "from-year", "to-year", "zones", "sites", "pois", "pipelines", "buildings");
    private static final List<String> JOBS = List.of("redline-proximity", "pipelines-under-buildings", "floor-area-by-year");

    private AnalyticsJob() {
    }

    /** Runs the job; see the class comment for the arguments. */
    public static void main(String[] args) {
        if (Arrays.asList(args).contains("--help")) {
            System.out.println(usage());
            return;
        }
        JobArguments a;
        List<String> jobs;
        try {
            a = JobArguments.parse(args, OPTIONS, Set.of("help"));
            jobs = jobs(a.get("job", "all"));
            JdbcTarget.of(a);
        } catch (IllegalArgumentException e) {
            System.err.println("analytics: " + e.getMessage());
            System.err.println(usage());
            System.exit(2);
            return;
        }
        int status = SparkSessions.runJob("shikong-analytics", "analytics", "分析失败 the job failed", spark -> {
            run(spark, a, jobs).forEach((table, rows) ->
                    System.out.println("结果表 result table " + table + ": " + rows + " 行 rows"));
            return 0;
        });
        System.exit(status);
    }

    static String usage() {
        return "usage: AnalyticsJob --jdbc-url URL --user U [--password P]\n"
                + "  [--job all|redline-proximity|pipelines-under-buildings|floor-area-by-year] [--distance 500]\n"
                + "  [--projected-srid 4529] [--partitions N] [--from-year Y] [--to-year Y]\n"
                + "  [--zones T] [--sites T] [--pois T] [--pipelines T] [--buildings T]";
    }

    private static List<String> jobs(String spec) {
        List<String> out = new ArrayList<>();
        for (String j : spec.toLowerCase(Locale.ROOT).split(",")) {
            if (j.trim().equals("all")) {
                out.addAll(JOBS);
            } else if (JOBS.contains(j.trim())) {
                out.add(j.trim());
            } else {
                throw new IllegalArgumentException("未知分析 unknown --job '" + j + "' (all, " + String.join(", ", JOBS) + ")");
            }
        }
        return out;
    }

    /**
     * Runs the named jobs in {@code spark}.
     *
     * @return rows written per result table
     */
    public static Map<String, Long> run(SparkSession spark, String[] args) throws Exception {
        JobArguments a = JobArguments.parse(args, OPTIONS, Set.of("help"));
        return run(spark, a, jobs(a.get("job", "all")));
    }

    private static Map<String, Long> run(SparkSession spark, JobArguments a, List<String> jobs) throws Exception {
        JdbcTarget jdbc = JdbcTarget.of(a);
        int partitions = a.integer("partitions", spark.sparkContext().defaultParallelism(), 1);
        Analyses analyses = new Analyses(spark, jdbc, partitions, a.integer("projected-srid", 4529, 1));
        String distance = a.get("distance", "500");
        double meters;
        try {
            meters = Double.parseDouble(distance);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("--distance 应为米数 must be metres: " + distance);
        }
        Map<String, Long> written = new LinkedHashMap<>();
        for (String job : jobs) {
            switch (job) {
                case "redline-proximity" -> written.put(Analyses.REDLINE_PROXIMITY, ResultTables.write(
                        analyses.redlineProximity(a.get("zones", "eco_red_lines"), a.get("sites", "inspection_sites"),
                                a.get("pois", "pois"), meters),
                        Analyses.redlineProximityTable(Analyses.REDLINE_PROXIMITY), jdbc, 4490));
                case "pipelines-under-buildings" -> written.put(Analyses.PIPELINES_UNDER_BUILDINGS, ResultTables.write(
                        analyses.pipelinesUnderBuildings(a.get("pipelines", "pipelines"), a.get("buildings", "buildings")),
                        Analyses.pipelinesUnderBuildingsTable(Analyses.PIPELINES_UNDER_BUILDINGS), jdbc, 4490));
                default -> written.put(Analyses.FLOOR_AREA_BY_YEAR, ResultTables.write(
                        analyses.floorAreaByYear(a.get("buildings", "buildings"),
                                a.has("from-year") ? a.integer("from-year", 0, 0) : null,
                                a.has("to-year") ? a.integer("to-year", 0, 0) : null),
                        Analyses.floorAreaByYearTable(Analyses.FLOOR_AREA_BY_YEAR), jdbc, 4490));
            }
        }
        return written;
    }
}
