package io.shikong.ingest.spark;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.DataFrameReader;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.api.java.UDF1;
import org.apache.spark.sql.sedona_sql.UDT.GeometryUDT;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;
import org.locationtech.jts.io.WKBWriter;
import org.locationtech.jts.io.WKTReader;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.expr;

/**
 * Reads an input with Sedona's data sources into a frame of one geometry column, {@value #GEOMETRY}, and
 * the source's attribute columns (as the source names them):
 * <ul>
 *   <li>{@code geoparquet}: {@code spark.read.format("geoparquet")} (the first geometry column);</li>
 *   <li>{@code shapefile}: {@code spark.read.format("shapefile")} (a {@code .shp} file or a directory of
 *       them; {@code --charset} for the DBF, e.g. {@code GBK});</li>
 *   <li>{@code geojson}: {@code spark.read.format("geojson")}, a FeatureCollection (exploded) or GeoJSON
 *       Lines; the properties become columns, a feature's own {@code id} too when no property has its
 *       name;</li>
 *   <li>{@code csv}: a header line, a WKT column ({@code --wkt-column}, by default {@code wkt},
 *       {@code geometry} or {@code geom}) or lon/lat columns ({@code --lon-column}, {@code --lat-column});
 *       {@code --charset} (UTF-8 by default, GBK common). An unreadable WKT gives a null geometry, which the
 *       job rejects with its reason instead of failing.</li>
 * </ul>
 */
public final class SourceFrames {

    /** The geometry column of every frame this returns. */
    public static final String GEOMETRY = "shikong_geom";
    /** The WKT-to-WKB function (null for text that is not WKT). */
    static final String WKT_TO_WKB = "shikong_wkt_to_wkb";

    private SourceFrames() {
    }

    /** The formats this reads. */
    public enum Format {
        GEOPARQUET, SHAPEFILE, GEOJSON, CSV;

        /** Parses a format name (case-insensitive). */
        public static Format parse(String name) {
            try {
                return valueOf(name.trim().toUpperCase(Locale.ROOT));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("不支持的格式 unsupported --format '" + name
                        + "' (geoparquet, shapefile, geojson, csv)");
            }
        }
    }

    /**
     * Reading options besides the path.
     *
     * @param charset   text encoding of a CSV or a Shapefile's DBF, null for the default
     * @param wktColumn CSV column holding WKT, null to look for wkt/geometry/geom
     * @param lonColumn CSV longitude (x) column, used with {@code latColumn} instead of WKT
     * @param latColumn CSV latitude (y) column
     */
    public record Options(String charset, String wktColumn, String lonColumn, String latColumn) {
    }

    /** Reads {@code path} as {@code format}. */
    public static Dataset<Row> read(SparkSession spark, Format format, String path, Options options) {
        return switch (format) {
            case GEOPARQUET -> withGeometry(spark.read().format("geoparquet").load(path), null);
            case SHAPEFILE -> {
                DataFrameReader r = spark.read().format("shapefile");
                if (options.charset() != null) {
                    r = r.option("charset", options.charset());
                }
                yield withGeometry(r.load(path), "geometry");
            }
            case GEOJSON -> geojson(spark, path);
            case CSV -> csv(spark, path, options);
        };
    }

    private static Dataset<Row> geojson(SparkSession spark, String path) {
        Dataset<Row> df = spark.read().format("geojson").option("multiLine", "true").load(path);
        if (Arrays.asList(df.columns()).contains("features")) {
            df = df.selectExpr("explode(features) AS f").select("f.*");
        } else if (!Arrays.asList(df.columns()).contains("geometry")) {
            // GeoJSON Lines: one feature per line
            df = spark.read().format("geojson").option("multiLine", "false").load(path);
        }
        List<Column> cols = new ArrayList<>();
        cols.add(col("geometry").as(GEOMETRY));
        List<String> propertyNames = new ArrayList<>();
        if (Arrays.asList(df.columns()).contains("properties")
                && df.schema().apply("properties").dataType() instanceof StructType props) {
            for (StructField f : props.fields()) {
                propertyNames.add(f.name());
                cols.add(col("properties.`" + f.name() + "`").as(f.name()));
            }
        }
        if (Arrays.asList(df.columns()).contains("id") && propertyNames.stream().noneMatch(n -> n.equalsIgnoreCase("id"))) {
            cols.add(col("id"));
        }
        return df.select(cols.toArray(Column[]::new));
    }

    private static Dataset<Row> csv(SparkSession spark, String path, Options options) {
        if (!spark.catalog().functionExists(WKT_TO_WKB)) {
            spark.udf().register(WKT_TO_WKB, (UDF1<String, byte[]>) SourceFrames::wktToWkb, DataTypes.BinaryType);
        }
        Dataset<Row> df = spark.read().option("header", "true")
                .option("encoding", options.charset() == null ? "UTF-8" : options.charset())
                .option("multiLine", "true").csv(path);
        List<String> names = Arrays.asList(df.columns());
        if (options.lonColumn() != null || options.latColumn() != null) {
            String lon = find(names, options.lonColumn());
            String lat = find(names, options.latColumn());
            return df.withColumn(GEOMETRY, expr("ST_Point(CAST(`" + lon + "` AS double), CAST(`" + lat + "` AS double))"))
                    .drop(lon, lat);
        }
        String wkt = options.wktColumn() != null ? find(names, options.wktColumn())
                : names.stream().filter(n -> List.of("wkt", "geometry", "geom").contains(n.toLowerCase(Locale.ROOT)))
                        .findFirst().orElseThrow(() -> new IllegalArgumentException(
                                "CSV 中没有几何列 the CSV has no wkt/geometry/geom column: name it with --wkt-column, "
                                        + "or give --lon-column and --lat-column"));
        return df.withColumn(GEOMETRY, expr("ST_GeomFromWKB(" + WKT_TO_WKB + "(`" + wkt + "`))")).drop(wkt);
    }

    private static String find(List<String> names, String wanted) {
        if (wanted == null) {
            throw new IllegalArgumentException("--lon-column 与 --lat-column 须同时给出 give both --lon-column and --lat-column");
        }
        return names.stream().filter(n -> n.equalsIgnoreCase(wanted)).findFirst().orElseThrow(() ->
                new IllegalArgumentException("CSV 中没有列 the CSV has no column '" + wanted + "' (columns: " + names + ")"));
    }

    /** WKT to WKB, null for null or unreadable text. */
    static byte[] wktToWkb(String wkt) {
        if (wkt == null || wkt.isBlank()) {
            return null;
        }
        try {
            return new WKBWriter(2).write(new WKTReader().read(wkt));
        } catch (org.locationtech.jts.io.ParseException | RuntimeException e) {
            return null;
        }
    }

    /** Renames the geometry column ({@code name}, or the first of Sedona's geometry type) to {@value #GEOMETRY}. */
    private static Dataset<Row> withGeometry(Dataset<Row> df, String name) {
        String g = name;
        if (g == null) {
            for (StructField f : df.schema().fields()) {
                if (f.dataType() instanceof GeometryUDT) {
                    g = f.name();
                    break;
                }
            }
        }
        if (g == null || !Arrays.asList(df.columns()).contains(g)) {
            throw new IllegalArgumentException("输入没有几何列 the input has no geometry column");
        }
        return df.withColumnRenamed(g, GEOMETRY);
    }
}
