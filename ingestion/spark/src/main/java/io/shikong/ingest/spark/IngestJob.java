package io.shikong.ingest.spark;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.UUID;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SaveMode;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.storage.StorageLevel;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.expr;

/**
 * Loads a large input into a layer on Spark with Apache Sedona (its own process):
 *
 * <pre>
 * spark-submit --class io.shikong.ingest.spark.IngestJob ingestion-spark.jar \
 *   --input PATH --format geoparquet|shapefile|geojson|csv --layer LAYER [--table TABLE]
 *   [--source-crs EPSG:4326|EPSG:xxxx|GCJ02|BD09] [--key FIELD] [--charset GBK]
 *   [--wkt-column C | --lon-column X --lat-column Y] [--repair] [--max-rejects N] [--partitions N]
 *   (--target postgis --jdbc-url URL --user U [--password P] [--snapshot] [--valid-from INSTANT] [--dry-run]
 *    | --target geoparquet --output PATH)
 * </pre>
 *
 * Steps: read with Sedona's reader ({@link SourceFrames}); map the source's columns to the layer's
 * attributes by name (case-insensitive; missing ones are null, extra ones ignored) and the key field
 * ({@code --key}, else the layer's id column) to the feature id; reproject to the layer's CRS
 * ({@code ST_Transform}, GCJ-02/BD-09 by {@link ChinaOffsetFunctions}; WGS 84 and CGCS2000 differ by a null
 * datum shift); make single geometries multi when the layer holds multi types; optionally repair invalid
 * geometries ({@code ST_MakeValid}); reject (with the reason) rows without id or geometry, with invalid
 * geometries, the wrong geometry type or values that do not convert to the attribute's type, and stop
 * before writing anything when the rejects exceed {@code --max-rejects} (default 0) or an id occurs twice;
 * partition spatially (range partitions of the geohash of each geometry's centroid, so each partition is a
 * compact area); then either
 * <ul>
 *   <li>PostGIS: each partition {@code COPY}s into an unlogged staging table on its executor, and the driver
 *       runs one set-based merge into versions ({@link VersionMerge}), all-or-nothing; the staging table is
 *       dropped whatever happens; or</li>
 *   <li>GeoParquet: the id, attributes and geometry ({@code geometry}) written with Sedona's writer.</li>
 * </ul>
 * Exit status: 0 done, 1 failed, 2 bad arguments, 3 refused (rejects, duplicate ids, backdated load).
 */
public final class IngestJob {

    /** Exit status of a refused load. */
    public static final int REFUSED = 3;
    /** How many rejects the summary lists. */
    static final int LISTED_REJECTS = 20;

    private static final Set<String> OPTIONS = Set.of("input", "format", "layer", "table", "source-crs", "target",
            "jdbc-url", "user", "password", "output", "partitions", "key", "valid-from", "max-rejects", "charset",
            "wkt-column", "lon-column", "lat-column");
    private static final Set<String> FLAGS = Set.of("snapshot", "dry-run", "repair", "help");

    private static final String ID = "shikong_id";
    private static final String REASON = "shikong_reject";

    private IngestJob() {
    }

    /**
     * What to load and where.
     *
     * @param input      input path (file or directory; any Hadoop file system)
     * @param format     input format
     * @param read       reading options
     * @param layer      layer name (change log, lock; the table unless {@code table} is given)
     * @param table      the layer's table, possibly schema-qualified
     * @param sourceCrs  {@code EPSG:n}, {@code GCJ02} or {@code BD09}
     * @param key        the source field holding the feature id, null for the layer's id column
     * @param repair     repair invalid geometries instead of rejecting them
     * @param maxRejects rejects tolerated before the load is refused
     * @param partitions spatial partitions (COPY streams)
     * @param jdbc       PostGIS (target postgis; the layer table's layout is always read from it), or null
     * @param output     GeoParquet output (target geoparquet), or null
     * @param snapshot   close current features absent from the input
     * @param validFrom  valid-from of the new versions
     * @param dryRun     count only, write nothing
     */
    public record Options(String input, SourceFrames.Format format, SourceFrames.Options read, String layer, String table,
                          String sourceCrs, String key, boolean repair, int maxRejects, int partitions, JdbcTarget jdbc,
                          String output, boolean snapshot, Instant validFrom, boolean dryRun) {

        /** Parses the job's arguments. */
        public static Options parse(String[] args) {
            JobArguments a = JobArguments.parse(args, OPTIONS, FLAGS);
            String target = a.get("target", "postgis").toLowerCase(Locale.ROOT);
            if (!target.equals("postgis") && !target.equals("geoparquet")) {
                throw new IllegalArgumentException("--target 只能是 postgis 或 geoparquet must be postgis or geoparquet: " + target);
            }
            Instant validFrom;
            try {
                validFrom = a.has("valid-from") ? Instant.parse(a.get("valid-from", null)) : Instant.now();
            } catch (DateTimeParseException e) {
                throw new IllegalArgumentException("--valid-from 应为 ISO 8601 时刻 must be an ISO 8601 instant such as "
                        + "2024-01-01T00:00:00Z: " + a.get("valid-from", null));
            }
            String layer = a.required("layer");
            String crs = a.get("source-crs", "EPSG:4490").trim().toUpperCase(Locale.ROOT).replace("-", "");
            if (!crs.equals("GCJ02") && !crs.equals("BD09") && !crs.matches("EPSG:\\d+")) {
                throw new IllegalArgumentException("--source-crs 应为 EPSG:代码、GCJ02 或 BD09 must be EPSG:code, GCJ02 or BD09: "
                        + a.get("source-crs", null));
            }
            boolean postgis = target.equals("postgis");
            return new Options(a.required("input"), SourceFrames.Format.parse(a.required("format")),
                    new SourceFrames.Options(a.get("charset", null), a.get("wkt-column", null), a.get("lon-column", null),
                            a.get("lat-column", null)),
                    layer, a.get("table", layer), crs, a.get("key", null), a.flag("repair"), a.integer("max-rejects", 0, 0),
                    a.integer("partitions", 0, 1), JdbcTarget.of(a), postgis ? null : a.required("output"),
                    a.flag("snapshot"), validFrom, a.flag("dry-run"));
        }
    }

    /**
     * What a load did.
     *
     * @param read     rows read
     * @param rejected rows rejected
     * @param rejects  the first rejects, "id: reason"
     * @param merge    the merge's counts (PostGIS), null for GeoParquet or a refused load
     * @param refusal  why the load was refused, or null
     */
    public record Report(long read, long rejected, List<String> rejects, VersionMerge.Result merge, String refusal) {

        /** The summary line, in Chinese and English. */
        public String summary() {
            StringBuilder sb = new StringBuilder();
            sb.append("读取 read ").append(read).append(", 拒收 rejected ").append(rejected);
            if (merge != null) {
                sb.append(", 新增 inserted ").append(merge.inserted()).append(", 变更 changed ").append(merge.changed())
                        .append(", 未变 unchanged ").append(merge.unchanged()).append(", 关闭 closed ").append(merge.closed());
            }
            if (refusal != null) {
                sb.append("\n拒绝加载 refused: ").append(refusal);
            }
            for (String r : rejects) {
                sb.append("\n  拒收 reject ").append(r);
            }
            return sb.toString();
        }
    }

    /** Runs the job; see the class comment for the arguments. */
    public static void main(String[] args) {
        Options options;
        try {
            if (Arrays.asList(args).contains("--help")) {
                System.out.println(usage());
                return;
            }
            options = Options.parse(args);
        } catch (IllegalArgumentException e) {
            System.err.println("ingest: " + e.getMessage());
            System.err.println(usage());
            System.exit(2);
            return;
        }
        int status = SparkSessions.runJob("shikong-ingest " + options.layer(), "ingest", "加载失败 the load failed", spark -> {
            Report report = run(spark, options);
            System.out.println(report.summary());
            return report.refusal() == null ? 0 : REFUSED;
        });
        System.exit(status);
    }

    static String usage() {
        return "usage: IngestJob --input PATH --format geoparquet|shapefile|geojson|csv --layer LAYER [--table TABLE]\n"
                + "  [--source-crs EPSG:n|GCJ02|BD09] [--key FIELD] [--charset GBK] [--wkt-column C | --lon-column X --lat-column Y]\n"
                + "  [--repair] [--max-rejects N] [--partitions N] --jdbc-url URL --user U [--password P]\n"
                + "  [--target postgis [--snapshot] [--valid-from 2024-01-01T00:00:00Z] [--dry-run] | --target geoparquet --output PATH]";
    }

    /** Runs one load in {@code spark}. */
    public static Report run(SparkSession spark, Options o) throws SQLException {
        ChinaOffsetFunctions.register(spark);
        LayerTable layer;
        try (Connection c = o.jdbc().connect()) {
            layer = LayerTable.read(c, o.table());
        }
        Dataset<Row> source = SourceFrames.read(spark, o.format(), o.input(), o.read());
        Dataset<Row> prepared = prepare(source, layer, o).persist(StorageLevel.MEMORY_AND_DISK());
        try {
            long read = prepared.count();
            Dataset<Row> rejected = prepared.filter(col(REASON).isNotNull());
            long rejectCount = rejected.count();
            List<String> listed = new ArrayList<>();
            for (Row r : rejected.select(ID, REASON).limit(LISTED_REJECTS).collectAsList()) {
                listed.add((r.isNullAt(0) ? "(no id)" : r.getString(0)) + ": " + r.getString(1));
            }
            if (rejectCount > o.maxRejects()) {
                return new Report(read, rejectCount, listed, null, rejectCount + " 条拒收超过上限 rejects exceed --max-rejects "
                        + o.maxRejects() + "; nothing was written");
            }
            Dataset<Row> good = prepared.filter(col(REASON).isNull()).drop(REASON);
            List<String> duplicates = good.groupBy(ID).count().filter(col("count").gt(1)).select(ID).limit(5)
                    .as(org.apache.spark.sql.Encoders.STRING()).collectAsList();
            if (!duplicates.isEmpty()) {
                return new Report(read, rejectCount, listed, null, "输入中要素编号重复 duplicate feature ids in the input: "
                        + duplicates + "; nothing was written");
            }
            int partitions = o.partitions() > 0 ? o.partitions() : spark.sparkContext().defaultParallelism();
            Dataset<Row> partitioned = good.repartitionByRange(partitions,
                    expr("ST_GeoHash(ST_Centroid(" + SourceFrames.GEOMETRY + "), 8)"));
            if (o.output() != null) {
                writeGeoParquet(partitioned, layer, o.output());
                return new Report(read, rejectCount, listed, null, null);
            }
            VersionMerge.Result merge;
            try {
                merge = writePostgis(partitioned, layer, o);
            } catch (IllegalStateException refused) {
                return new Report(read, rejectCount, listed, null, refused.getMessage());
            }
            return new Report(read, rejectCount, listed, merge, null);
        } finally {
            prepared.unpersist();
        }
    }

    /**
     * The source mapped to the layer: {@value #ID}, each attribute cast to its type, the geometry in the
     * layer's CRS, and {@value #REASON} (null for a good row).
     */
    static Dataset<Row> prepare(Dataset<Row> source, LayerTable layer, Options o) {
        List<String> names = Arrays.asList(source.columns());
        String keyName = o.key() != null ? o.key() : layer.idColumn();
        String key = names.stream().filter(n -> n.equalsIgnoreCase(keyName)).findFirst().orElseThrow(() ->
                new IllegalArgumentException("输入中没有键字段 the input has no key field '" + keyName + "' (columns: "
                        + names.stream().filter(n -> !n.equals(SourceFrames.GEOMETRY)).toList() + "); name it with --key"));
        List<Column> cols = new ArrayList<>();
        cols.add(expr("CAST(`" + key + "` AS string)").as(ID));
        List<String> conversionChecks = new ArrayList<>();
        for (LayerTable.Column a : layer.attributes()) {
            String src = names.stream().filter(n -> n.equalsIgnoreCase(a.name()) && !n.equals(SourceFrames.GEOMETRY))
                    .findFirst().orElse(null);
            if (src == null) {
                cols.add(expr("CAST(NULL AS " + a.sparkType() + ")").as(a.name()));
                continue;
            }
            String cast = "CAST(`" + src + "` AS " + a.sparkType() + ")";
            cols.add(expr(cast).as(a.name()));
            conversionChecks.add("WHEN `" + src + "` IS NOT NULL AND " + cast + " IS NULL THEN concat('"
                    + a.name() + ": 值无法转换为 " + a.sparkType() + " value does not convert: ', CAST(`" + src + "` AS string))");
        }
        String g = "g0";
        cols.add(expr(reproject(SourceFrames.GEOMETRY, o.sourceCrs(), layer.srid())).as(g));
        String conversion = conversionChecks.isEmpty() ? "CAST(NULL AS string)"
                : "CASE " + String.join(" ", conversionChecks) + " END";
        cols.add(expr(conversion).as("shikong_conversion"));
        Dataset<Row> df = source.select(cols.toArray(Column[]::new));
        String geom = layer.geometryType().startsWith("MULTI") ? "ST_Multi(" + g + ")" : g;
        if (o.repair()) {
            geom = "CASE WHEN " + geom + " IS NULL OR ST_IsValid(" + geom + ") THEN " + geom + " ELSE ST_MakeValid(" + geom + ") END";
        }
        df = df.withColumn(SourceFrames.GEOMETRY, expr(geom)).drop(g);
        String gc = SourceFrames.GEOMETRY;
        String type = layer.geometryType();
        StringBuilder reason = new StringBuilder("CASE WHEN " + ID + " IS NULL THEN '缺少要素编号 missing feature id' ")
                .append("WHEN ").append(gc).append(" IS NULL THEN '没有几何或无法读取 no geometry, or unreadable' ")
                .append("WHEN ST_IsEmpty(").append(gc).append(") THEN '几何为空 empty geometry' ");
        if (!type.equals("GEOMETRY")) {
            reason.append("WHEN upper(substr(ST_GeometryType(").append(gc).append("), 4)) <> '").append(type)
                    .append("' THEN concat('几何类型不符 geometry type ', substr(ST_GeometryType(").append(gc)
                    .append("), 4), ' where the layer holds ").append(type).append("') ");
        }
        reason.append("WHEN NOT ST_IsValid(").append(gc).append(") THEN concat('无效几何 invalid geometry: ', ST_IsValidReason(")
                .append(gc).append(")) ELSE shikong_conversion END");
        return df.withColumn(REASON, expr(reason.toString())).drop("shikong_conversion");
    }

    /** The SQL expression bringing {@code column} from {@code crs} to EPSG:{@code srid}. */
    static String reproject(String column, String crs, int srid) {
        String g = "`" + column + "`";
        String wgs84;
        if (crs.equals("GCJ02")) {
            wgs84 = "ST_GeomFromWKB(" + ChinaOffsetFunctions.GCJ02_TO_WGS84 + "(ST_AsBinary(" + g + ")))";
        } else if (crs.equals("BD09")) {
            wgs84 = "ST_GeomFromWKB(" + ChinaOffsetFunctions.BD09_TO_WGS84 + "(ST_AsBinary(" + g + ")))";
        } else {
            int from = Integer.parseInt(crs.substring("EPSG:".length()));
            if (from == srid || geographicPair(from, srid)) {
                return "ST_SetSRID(" + g + ", " + srid + ")";
            }
            return "ST_Transform(ST_SetSRID(" + g + ", " + from + "), 'EPSG:" + from + "', 'EPSG:" + srid + ")";
        }
        if (geographicPair(4326, srid) || srid == 4326) {
            return "ST_SetSRID(" + wgs84 + ", " + srid + ")";
        }
        return "ST_Transform(ST_SetSRID(" + wgs84 + ", 4326), 'EPSG:4326', 'EPSG:" + srid + ")";
    }

    /** WGS 84 and CGCS2000 longitude/latitude: a null datum shift, as the server's CRS service treats them. */
    private static boolean geographicPair(int a, int b) {
        return (a == 4326 && b == 4490) || (a == 4490 && b == 4326);
    }

    private static void writeGeoParquet(Dataset<Row> df, LayerTable layer, String output) {
        List<Column> cols = new ArrayList<>();
        cols.add(col(ID).as(layer.idColumn()));
        layer.attributes().forEach(a -> cols.add(col("`" + a.name() + "`")));
        cols.add(col(SourceFrames.GEOMETRY).as("geometry"));
        df.select(cols.toArray(Column[]::new)).write().mode(SaveMode.Overwrite).format("geoparquet").save(output);
    }

    private static VersionMerge.Result writePostgis(Dataset<Row> df, LayerTable layer, Options o) throws SQLException {
        String table = layer.table();
        int dot = table.indexOf('.');
        String staging = (dot < 0 ? "" : table.substring(0, dot) + ".") + "shikong_stage_"
                + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
        String cols = String.join(", ", layer.stagingColumns().stream().map(LayerTable::quote).toList());
        try (Connection c = o.jdbc().connect(); Statement st = c.createStatement()) {
            st.execute("CREATE UNLOGGED TABLE " + staging + " AS SELECT " + cols + " FROM "
                    + LayerTable.quoteQualified(table) + " WITH NO DATA");
        }
        try {
            List<Column> text = new ArrayList<>();
            text.add(col(ID));
            layer.attributes().forEach(a -> text.add(expr("CAST(`" + a.name() + "` AS string)")));
            text.add(expr("hex(ST_AsEWKB(ST_SetSRID(" + SourceFrames.GEOMETRY + ", " + layer.srid() + ")))"));
            df.select(text.toArray(Column[]::new)).foreachPartition(new CopyPartition(o.jdbc(), staging, layer.stagingColumns()));
            try (Connection c = o.jdbc().connect()) {
                try (Statement st = c.createStatement()) {
                    st.execute("ANALYZE " + staging);
                }
                return VersionMerge.merge(c, o.layer(), layer, staging, o.validFrom(), o.snapshot(), o.dryRun());
            }
        } finally {
            try (Connection c = o.jdbc().connect(); Statement st = c.createStatement()) {
                st.execute("DROP TABLE IF EXISTS " + staging);
            }
        }
    }
}
