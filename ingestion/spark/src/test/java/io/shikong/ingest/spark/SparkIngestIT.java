package io.shikong.ingest.spark;

import io.shikong.core.crs.ChinaOffsets;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SaveMode;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/**
 * The Sedona load into PostGIS: files of every format written in the test land as the same features (count,
 * ids, attributes, a geometry) in the sample catalog's tables (made by the store itself); a second identical
 * load creates no version; a changed snapshot creates exactly the changed versions and closes the absent;
 * backdated loads, rejects and duplicate ids are refused with nothing written; GCJ-02 is undone.
 */
class SparkIngestIT {

    private static final int N = 300;
    private static String url;

    @TempDir
    static Path dir;

    @BeforeAll
    static void schema() throws Exception {
        url = SampleCityDatabase.create("spark_ingest_it", null);
    }

    private static double lon(int i) {
        return 123.2 + (i % 20) * 0.01 + i * 1e-5;
    }

    private static double lat(int i) {
        return 41.7 + (i / 20) * 0.01;
    }

    private static String[] args(String input, String format, String layer, String... more) {
        List<String> a = new ArrayList<>(List.of("--input", input, "--format", format, "--layer", layer,
                "--jdbc-url", url, "--user", SampleCityDatabase.target(url).user(),
                "--password", SampleCityDatabase.target(url).password(), "--partitions", "2"));
        a.addAll(List.of(more));
        return a.toArray(String[]::new);
    }

    private static IngestJob.Report load(String[] args) throws Exception {
        return IngestJob.run(TestSpark.session(), IngestJob.Options.parse(args));
    }

    @Test
    void geojsonThenSameAgainThenChangedSnapshotCsvInGbk() throws Exception {
        StringBuilder json = new StringBuilder("{\"type\":\"FeatureCollection\",\"features\":[");
        for (int i = 0; i < N; i++) {
            json.append(i == 0 ? "" : ",").append("{\"type\":\"Feature\",\"properties\":{\"id\":\"P").append(i)
                    .append("\",\"name\":\"测试点").append(i).append("\",\"category\":\"park\",\"district\":\"和平区\"},")
                    .append("\"geometry\":{\"type\":\"Point\",\"coordinates\":[").append(lon(i)).append(',').append(lat(i)).append("]}}");
        }
        json.append("]}");
        Path geojson = dir.resolve("pois.geojson");
        Files.writeString(geojson, json, StandardCharsets.UTF_8);

        IngestJob.Report first = load(args(geojson.toString(), "geojson", "pois", "--source-crs", "EPSG:4326",
                "--valid-from", "2025-01-01T00:00:00Z"));
        assertThat(first.refusal()).isNull();
        assertThat(first.read()).isEqualTo(N);
        assertThat(first.merge()).isEqualTo(new VersionMerge.Result(N, 0, 0, 0));
        assertThat(count("SELECT count(*) FROM pois WHERE valid_to IS NULL AND version = 1")).isEqualTo(N);
        assertThat(string("SELECT name || '|' || district FROM pois WHERE id = 'P17'")).isEqualTo("测试点17|和平区");
        assertThat(number("SELECT ST_X(geom) FROM pois WHERE id = 'P17'")).isCloseTo(lon(17), within(1e-12));
        assertThat(number("SELECT ST_Y(geom) FROM pois WHERE id = 'P17'")).isCloseTo(lat(17), within(1e-12));
        assertThat(count("SELECT ST_SRID(geom) FROM pois WHERE id = 'P17'")).isEqualTo(4490);
        long changes = count("SELECT count(*) FROM shikong_changes WHERE layer = 'pois'");
        assertThat(changes).isEqualTo(1);

        IngestJob.Report again = load(args(geojson.toString(), "geojson", "pois", "--source-crs", "EPSG:4326",
                "--valid-from", "2025-02-01T00:00:00Z"));
        assertThat(again.merge()).isEqualTo(new VersionMerge.Result(0, 0, N, 0));
        assertThat(count("SELECT count(*) FROM pois")).isEqualTo(N);
        assertThat(count("SELECT count(*) FROM shikong_changes WHERE layer = 'pois'")).isEqualTo(changes);

        // the same features as a GBK CSV with WKT: 10 renamed, the last 5 absent, declared a snapshot
        StringBuilder csv = new StringBuilder("id,name,category,district,wkt\n");
        for (int i = 0; i < N - 5; i++) {
            String name = i < 10 ? "改名" + i : "测试点" + i;
            csv.append('P').append(i).append(',').append(name).append(",park,和平区,\"POINT (").append(lon(i)).append(' ')
                    .append(lat(i)).append(")\"\n");
        }
        Path gbk = dir.resolve("pois-gbk.csv");
        Files.writeString(gbk, csv, Charset.forName("GBK"));
        String[] changed = args(gbk.toString(), "csv", "pois", "--source-crs", "EPSG:4326", "--charset", "GBK",
                "--snapshot", "--valid-from", "2025-03-01T00:00:00Z");

        IngestJob.Report backdated = load(args(gbk.toString(), "csv", "pois", "--source-crs", "EPSG:4326", "--charset", "GBK",
                "--snapshot", "--valid-from", "2024-06-01T00:00:00Z"));
        assertThat(backdated.refusal()).contains("2024-06-01T00:00:00Z").contains("2025-01-01T00:00:00Z");
        assertThat(count("SELECT count(*) FROM pois")).isEqualTo(N);

        IngestJob.Report dry = load(withFlag(changed, "--dry-run"));
        assertThat(dry.merge()).isEqualTo(new VersionMerge.Result(0, 10, N - 15, 5));
        assertThat(count("SELECT count(*) FROM pois")).isEqualTo(N);

        IngestJob.Report snapshot = load(changed);
        assertThat(snapshot.merge()).isEqualTo(new VersionMerge.Result(0, 10, N - 15, 5));
        assertThat(count("SELECT count(*) FROM pois")).isEqualTo(N + 10);
        assertThat(count("SELECT count(*) FROM pois WHERE valid_to IS NULL")).isEqualTo(N - 5);
        assertThat(string("SELECT name FROM pois WHERE id = 'P3' AND valid_to IS NULL")).isEqualTo("改名3");
        assertThat(string("SELECT valid_to::text FROM pois WHERE id = 'P3' AND version = 1")).startsWith("2025-03-01");
        assertThat(count("SELECT count(*) FROM pois WHERE id = 'P299' AND valid_to IS NOT NULL")).isEqualTo(1);
        assertThat(count("SELECT count(*) FROM shikong_changes WHERE layer = 'pois'")).isEqualTo(changes + 1);
        // nothing left behind
        assertThat(count("SELECT count(*) FROM pg_tables WHERE tablename LIKE 'shikong_stage_%'")).isZero();
    }

    @Test
    void shapefileWithGbkDbfBecomesMultiPolygons() throws Exception {
        // made by GDAL's ogr2ogr (gdal-bin, which make test provisions): a GBK DBF with its .cpg, and a .prj
        StringBuilder json = new StringBuilder("{\"type\":\"FeatureCollection\",\"features\":[");
        for (int i = 0; i < 40; i++) {
            double x = lon(i);
            double y = lat(i);
            json.append(i == 0 ? "" : ",").append(String.format(Locale.ROOT, "{\"type\":\"Feature\",\"properties\":"
                    + "{\"id\":\"B%d\",\"name\":\"楼%d\",\"floors\":%d},\"geometry\":{\"type\":\"Polygon\","
                    + "\"coordinates\":[[[%s,%s],[%s,%s],[%s,%s],[%s,%s],[%s,%s]]]}}", i, i, 3 + i % 5,
                    x, y, x + 0.0005, y, x + 0.0005, y + 0.0004, x, y + 0.0004, x, y));
        }
        Path geojson = dir.resolve("buildings.geojson");
        Files.writeString(geojson, json.append("]}"), StandardCharsets.UTF_8);
        Path shp = dir.resolve("shp").resolve("buildings.shp");
        Files.createDirectories(shp.getParent());
        Process ogr = new ProcessBuilder("ogr2ogr", "-f", "ESRI Shapefile", "-lco", "ENCODING=GBK", "-a_srs", "EPSG:4490",
                shp.toString(), geojson.toString()).redirectErrorStream(true).start();
        String ogrOutput = new String(ogr.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(ogr.waitFor()).as(ogrOutput).isZero();
        assertThat(Files.readAllBytes(shp.resolveSibling("buildings.dbf")))
                .containsSequence("楼7".getBytes(Charset.forName("GBK")));
        assertThat(shp.resolveSibling("buildings.prj")).exists();
        IngestJob.Report r = load(args(shp.getParent().toString(), "shapefile", "buildings", "--charset", "GBK",
                "--valid-from", "2025-01-01T00:00:00Z"));
        assertThat(r.refusal()).isNull();
        assertThat(r.merge()).isEqualTo(new VersionMerge.Result(40, 0, 0, 0));
        assertThat(string("SELECT name || '|' || floors || '|' || ST_GeometryType(geom) FROM buildings WHERE id = 'B7'"))
                .isEqualTo("楼7|5|ST_MultiPolygon");
        assertThat(number("SELECT ST_XMin(geom) FROM buildings WHERE id = 'B7'")).isCloseTo(lon(7), within(1e-9));
        IngestJob.Report again = load(args(shp.getParent().toString(), "shapefile", "buildings", "--charset", "GBK",
                "--valid-from", "2025-02-01T00:00:00Z"));
        assertThat(again.merge()).isEqualTo(new VersionMerge.Result(0, 0, 40, 0));
    }

    @Test
    void geoparquetInAndOut() throws Exception {
        SparkSession spark = TestSpark.session();
        List<Row> rows = new ArrayList<>();
        for (int i = 0; i < 100; i++) {
            rows.add(org.apache.spark.sql.RowFactory.create("S" + i, "药店" + i, i % 2 == 0 ? "D" : "A",
                    "POINT (" + lon(i) + " " + lat(i) + ")"));
        }
        Dataset<Row> df = spark.createDataFrame(rows, new org.apache.spark.sql.types.StructType()
                        .add("id", "string").add("name", "string").add("risk_level", "string").add("wkt", "string"))
                .selectExpr("id", "name", "risk_level", "ST_GeomFromWKT(wkt) AS geometry");
        Path in = dir.resolve("sites.parquet");
        df.write().mode(SaveMode.Overwrite).format("geoparquet").save(in.toString());

        IngestJob.Report r = load(args(in.toString(), "geoparquet", "inspection_sites", "--valid-from", "2025-01-01T00:00:00Z"));
        assertThat(r.merge()).isEqualTo(new VersionMerge.Result(100, 0, 0, 0));
        assertThat(string("SELECT name || '|' || risk_level FROM inspection_sites WHERE id = 'S42'")).isEqualTo("药店42|D");
        assertThat(number("SELECT ST_X(geom) FROM inspection_sites WHERE id = 'S42'")).isCloseTo(lon(42), within(1e-12));
        assertThat(load(args(in.toString(), "geoparquet", "inspection_sites", "--valid-from", "2025-02-01T00:00:00Z")).merge())
                .isEqualTo(new VersionMerge.Result(0, 0, 100, 0));

        Path out = dir.resolve("sites-out.parquet");
        IngestJob.Report written = load(args(in.toString(), "geoparquet", "inspection_sites", "--target", "geoparquet",
                "--output", out.toString()));
        assertThat(written.refusal()).isNull();
        Dataset<Row> back = spark.read().format("geoparquet").load(out.toString());
        assertThat(back.count()).isEqualTo(100);
        assertThat(back.filter("id = 'S42'").selectExpr("name", "ST_X(geometry)").first().getString(0)).isEqualTo("药店42");
    }

    @Test
    void gcj02CsvWithLonLatColumnsAndRejects() throws Exception {
        StringBuilder csv = new StringBuilder("id,sequence_id,heading_deg,x,y\n");
        for (int i = 0; i < 20; i++) {
            double[] gcj = ChinaOffsets.wgs84ToGcj02(lon(i), lat(i));
            csv.append("V").append(i).append(",seq1,").append(i == 7 ? "北" : Integer.toString(i * 10)).append(',')
                    .append(gcj[0]).append(',').append(gcj[1]).append('\n');
        }
        csv.append("V3,seq1,10,").append(lon(3)).append(',').append(lat(3)).append('\n');
        Path file = dir.resolve("street.csv");
        Files.writeString(file, csv, StandardCharsets.UTF_8);
        String[] base = args(file.toString(), "csv", "street_view", "--source-crs", "GCJ02", "--lon-column", "x",
                "--lat-column", "y", "--valid-from", "2025-01-01T00:00:00Z");

        IngestJob.Report refused = load(base);
        assertThat(refused.rejected()).isEqualTo(1);
        assertThat(refused.rejects()).singleElement().asString().startsWith("V7: heading_deg").contains("北");
        assertThat(refused.refusal()).contains("--max-rejects");
        assertThat(count("SELECT count(*) FROM street_view")).isZero();

        IngestJob.Report duplicates = load(withFlag(base, "--max-rejects", "1"));
        assertThat(duplicates.refusal()).contains("V3");
        assertThat(count("SELECT count(*) FROM street_view")).isZero();

        Files.writeString(file, csv.substring(0, csv.lastIndexOf("V3,seq1,10")), StandardCharsets.UTF_8);
        IngestJob.Report loaded = load(withFlag(base, "--max-rejects", "1"));
        assertThat(loaded.merge()).isEqualTo(new VersionMerge.Result(19, 0, 0, 0));
        assertThat(number("SELECT ST_X(geom) FROM street_view WHERE id = 'V5'")).isCloseTo(lon(5), within(1e-8));
        assertThat(number("SELECT ST_Y(geom) FROM street_view WHERE id = 'V5'")).isCloseTo(lat(5), within(1e-8));
        assertThat(number("SELECT heading_deg FROM street_view WHERE id = 'V5'")).isEqualTo(50.0);
    }

    private static String[] withFlag(String[] args, String... more) {
        List<String> a = new ArrayList<>(List.of(args));
        a.addAll(List.of(more));
        return a.toArray(String[]::new);
    }

    private static long count(String sql) throws Exception {
        try (Connection c = SampleCityDatabase.target(url).connect(); Statement st = c.createStatement();
             ResultSet rs = st.executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        }
    }

    private static double number(String sql) throws Exception {
        try (Connection c = SampleCityDatabase.target(url).connect(); Statement st = c.createStatement();
             ResultSet rs = st.executeQuery(sql)) {
            rs.next();
            return rs.getDouble(1);
        }
    }

    private static String string(String sql) throws Exception {
        try (Connection c = SampleCityDatabase.target(url).connect(); Statement st = c.createStatement();
             ResultSet rs = st.executeQuery(sql)) {
            rs.next();
            return rs.getString(1);
        }
    }
}
