package io.shikong.ingest.read;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.shikong.core.crs.CrsService;
import io.shikong.core.feature.Feature;
import io.shikong.ingest.TestLayers;
import io.shikong.ingest.write.ExportFormat;
import io.shikong.ingest.write.Exporter;
import io.shikong.ingest.write.FeatureWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import mil.nga.geopackage.GeoPackage;
import mil.nga.geopackage.GeoPackageManager;
import mil.nga.geopackage.features.columns.GeometryColumns;
import mil.nga.geopackage.features.user.FeatureTableMetadata;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.locationtech.jts.io.WKTReader;

/** GeoPackage and FlatGeobuf files written with NGA's and wololo's libraries, good and bad, plus format detection. */
class BinaryFormatsTest {

    static final CrsService CRS = new CrsService();

    @TempDir
    Path dir;

    Path write(ExportFormat format, String name, int n, String crs) throws Exception {
        Path file = dir.resolve(name);
        WKTReader wkt = new WKTReader();
        try (FeatureWriter w = Exporter.open(format, file, TestLayers.sites(), CRS.resolve(crs), null)) {
            for (int i = 0; i < n; i++) {
                w.write(new Feature("S" + i, wkt.read("POINT (" + (123 + i * 0.01) + " 41.8)"),
                        Map.of("name", "站点" + i, "kind", "消防", "inspected", i % 2 == 0), null, null, 1));
            }
        }
        return file;
    }

    @Test
    void flatGeobufCarriesItsCrsAndATruncatedOneSaysSo() throws Exception {
        Path fgb = write(ExportFormat.FLATGEOBUF, "s.fgb", 50, "EPSG:4326");
        try (SourceReader r = SourceReaders.open(fgb, ReadOptions.DEFAULTS)) {
            assertThat(r.format()).isEqualTo(SourceFormat.FLATGEOBUF);
            assertThat(r.crs()).contains("EPSG:4326");
            List<SourceRecord> recs = new ArrayList<>();
            r.forEachRemaining(recs::add);
            assertThat(recs).hasSize(50);
            assertThat(recs.get(3).properties()).containsEntry("id", "S3").containsEntry("name", "站点3")
                    .containsEntry("inspected", false);
            assertThat(recs.get(3).geometry().getCoordinate().x).isEqualTo(123.03);
        }
        byte[] b = Files.readAllBytes(fgb);
        Path cut = dir.resolve("cut.fgb");
        Files.write(cut, Arrays.copyOf(b, b.length - 10));
        try (SourceReader r = SourceReaders.open(cut, ReadOptions.DEFAULTS)) {
            assertThatThrownBy(() -> r.forEachRemaining(x -> { })).isInstanceOf(SourceReadException.class)
                    .hasMessageContaining("truncated").hasMessageContaining("feature 49");
        }
        // GCJ-02 has no EPSG code: the file declares none and --crs must say it
        try (SourceReader r = SourceReaders.open(write(ExportFormat.FLATGEOBUF, "g.fgb", 1, "GCJ02"), ReadOptions.DEFAULTS)) {
            assertThat(r.crs()).isEmpty();
        }
    }

    @Test
    void aGeoPackageWithSeveralTablesAsksForOne() throws Exception {
        Path gpkg = write(ExportFormat.GEOPACKAGE, "s.gpkg", 3, "EPSG:4490");
        try (GeoPackage g = GeoPackageManager.open(gpkg.toFile())) {
            GeometryColumns gc = new GeometryColumns();
            gc.setTableName("other");
            gc.setColumnName("geom");
            gc.setGeometryType(mil.nga.sf.GeometryType.POINT);
            gc.setSrsId(4490);
            gc.setZ((byte) 0);
            gc.setM((byte) 0);
            g.createFeatureTable(FeatureTableMetadata.create(gc));
        }
        assertThatThrownBy(() -> SourceReaders.open(gpkg, ReadOptions.DEFAULTS)).isInstanceOf(SourceReadException.class)
                .hasMessageContaining("--table").hasMessageContaining("sites").hasMessageContaining("other");
        try (SourceReader r = SourceReaders.open(gpkg, new ReadOptions(null, null, null, null, "sites"))) {
            assertThat(r.crs()).contains("EPSG:4490");
            List<SourceRecord> recs = new ArrayList<>();
            r.forEachRemaining(recs::add);
            assertThat(recs).extracting(x -> x.properties().get("name")).containsExactly("站点0", "站点1", "站点2");
            assertThat(r.bytesRead()).isEqualTo(r.totalBytes());
        }
    }

    @Test
    void formatsAreDetectedByExtensionOrContent() throws Exception {
        Path fgb = write(ExportFormat.FLATGEOBUF, "a.fgb", 1, "EPSG:4490");
        Path gpkg = write(ExportFormat.GEOPACKAGE, "a.gpkg", 1, "EPSG:4490");
        Path noExt1 = Files.copy(fgb, dir.resolve("x1.bin"));
        Path noExt2 = Files.copy(gpkg, dir.resolve("x2.bin"));
        Path seq = Files.writeString(dir.resolve("x3.bin"), "{\"type\":\"Feature\",\"properties\":{}}\n");
        Path fc = Files.writeString(dir.resolve("x4.bin"), " {\"type\":\"FeatureCollection\"}");
        assertThat(SourceFormat.detect(noExt1)).contains(SourceFormat.FLATGEOBUF);
        assertThat(SourceFormat.detect(noExt2)).contains(SourceFormat.GEOPACKAGE);
        assertThat(SourceFormat.detect(seq)).contains(SourceFormat.GEOJSONSEQ);
        assertThat(SourceFormat.detect(fc)).contains(SourceFormat.GEOJSON);
        assertThat(SourceFormat.detect(Files.writeString(dir.resolve("y.ndjson"), ""))).contains(SourceFormat.GEOJSONSEQ);
        Path junk = Files.write(dir.resolve("junk.bin"), new byte[] {1, 2, 3});
        assertThatThrownBy(() -> SourceReaders.open(junk, ReadOptions.DEFAULTS)).isInstanceOf(SourceReadException.class)
                .hasMessageContaining("unknown file format");
        assertThatThrownBy(() -> SourceReaders.open(dir.resolve("nope.geojson"), ReadOptions.DEFAULTS))
                .isInstanceOf(SourceReadException.class).hasMessageContaining("no such file");
    }
}
