package io.shikong.ingest.write;

import static org.assertj.core.api.Assertions.assertThat;

import io.shikong.core.crs.CrsService;
import io.shikong.core.feature.Feature;
import io.shikong.core.store.FeatureCursor;
import io.shikong.ingest.Ingest;
import io.shikong.ingest.IngestOptions;
import io.shikong.ingest.IngestProgress;
import io.shikong.ingest.IngestReport;
import io.shikong.ingest.TestLayers;
import io.shikong.ingest.read.ReadOptions;
import io.shikong.ingest.read.SourceReader;
import io.shikong.ingest.read.SourceReaders;
import io.shikong.ingest.read.SourceRecord;
import io.shikong.ingest.read.TextEncoding;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.locationtech.jts.io.WKTReader;

/**
 * Each export format written from a cursor and read back with the ingestion readers, then loaded again
 * (export → ingest round trip), with Chinese text, nulls, dates and valid time.
 */
class ExporterTest {

    static final CrsService CRS = new CrsService();

    @TempDir
    Path dir;

    static List<Feature> buildings() throws Exception {
        WKTReader wkt = new WKTReader();
        List<Feature> out = new ArrayList<>();
        Map<String, Object> a = new HashMap<>();
        a.put("name", "一号楼, \"东\"");
        a.put("floors", 5);
        a.put("height", 17.5);
        a.put("built", LocalDate.of(2019, 6, 1));
        out.add(new Feature("B1", wkt.read("MULTIPOLYGON (((123.4 41.8, 123.401 41.8, 123.401 41.801, 123.4 41.8)))"),
                a, Instant.parse("2024-01-01T00:00:00Z"), null, 2));
        Map<String, Object> b = new HashMap<>();
        b.put("name", "二号楼");
        b.put("floors", null);
        b.put("height", null);
        b.put("built", null);
        out.add(new Feature("B2", wkt.read("MULTIPOLYGON (((123.5 41.8, 123.501 41.8, 123.501 41.801, 123.5 41.8)), "
                + "((123.6 41.8, 123.601 41.8, 123.601 41.801, 123.6 41.8)))"), b,
                Instant.parse("2024-02-01T00:00:00Z"), Instant.parse("2024-03-01T00:00:00Z"), 1));
        return out;
    }

    static FeatureCursor cursor(List<Feature> features) {
        Iterator<Feature> it = features.iterator();
        return new FeatureCursor() {
            @Override
            public boolean hasNext() {
                return it.hasNext();
            }

            @Override
            public Feature next() {
                return it.next();
            }

            @Override
            public void close() {
            }
        };
    }

    @ParameterizedTest
    @EnumSource(ExportFormat.class)
    void exportsAndReadsBack(ExportFormat format) throws Exception {
        Path file = dir.resolve("b." + format.extension());
        long[] progress = {-1};
        long n = Exporter.export(cursor(buildings()),
                Exporter.open(format, file, TestLayers.buildings(), CRS.storage(), null), c -> progress[0] = c);
        assertThat(n).isEqualTo(2);
        assertThat(progress[0]).isEqualTo(2);
        List<SourceRecord> recs = new ArrayList<>();
        ReadOptions ro = format == ExportFormat.CSV ? new ReadOptions(null, "wkt", null, null, null) : ReadOptions.DEFAULTS;
        try (SourceReader r = SourceReaders.open(file, ro)) {
            if (format != ExportFormat.CSV) {
                assertThat(CRS.resolve(r.crs().orElseThrow())).isEqualTo(CRS.storage());
            }
            r.forEachRemaining(recs::add);
        }
        assertThat(recs).hasSize(2);
        Map<String, Object> p = recs.get(0).properties();
        assertThat(p.get("id")).isEqualTo("B1");
        assertThat(p.get("name")).isEqualTo("一号楼, \"东\"");
        assertThat(io.shikong.core.feature.Values.convert(p.get("floors"), io.shikong.core.catalog.AttributeType.INTEGER, "f")).isEqualTo(5);
        assertThat(Double.parseDouble(p.get("height").toString())).isEqualTo(17.5);
        assertThat(io.shikong.core.feature.Values.convert(p.get("built"), io.shikong.core.catalog.AttributeType.DATE, "built"))
                .isEqualTo(LocalDate.of(2019, 6, 1));
        assertThat(io.shikong.core.feature.Values.instant(p.get("valid_from"))).isEqualTo(Instant.parse("2024-01-01T00:00:00Z"));
        assertThat(p.get("valid_to")).isNull();
        if (format != ExportFormat.GEOJSON) { // GeoJSON: a foreign member beside the properties
            assertThat(Long.valueOf(p.get("version").toString())).isEqualTo(2);
        }
        assertThat(recs.get(0).geometry().equalsExact(buildings().get(0).geometry())).isTrue();
        assertThat(recs.get(1).properties().get("floors")).isNull();
        assertThat(recs.get(1).geometry().getNumGeometries()).isEqualTo(2);

        // and loads again into the layer it came from
        TestLayers.MemoryLoader loader = new TestLayers.MemoryLoader();
        IngestReport report = new Ingest(CRS, loader).run(file, TestLayers.buildings(), IngestOptions.builder()
                .read(ro).crs(format == ExportFormat.CSV ? "EPSG:4490" : null).spoolDirectory(dir).build(),
                IngestProgress.NONE);
        assertThat(report.rejects()).isEmpty();
        assertThat(report.status()).isEqualTo(IngestReport.Status.LOADED);
        assertThat(loader.features.get(0).properties()).containsEntry("name", "一号楼, \"东\"").containsEntry("floors", 5)
                .containsEntry("built", LocalDate.of(2019, 6, 1));
        assertThat(report.unmappedFields()).contains("valid_from", "valid_to");
    }

    @Test
    void csvInGbkForSpreadsheets() throws Exception {
        Path file = dir.resolve("gbk.csv");
        Exporter.export(cursor(buildings()), Exporter.open(ExportFormat.CSV, file, TestLayers.buildings(), CRS.storage(),
                TextEncoding.GBK), null);
        assertThat(new String(Files.readAllBytes(file), TextEncoding.GBK)).contains("二号楼").startsWith("id,name,floors");
    }

    @Test
    void geoJsonInCrs84HasNoCrsMember() throws IOException {
        Path file = dir.resolve("c.geojson");
        Exporter.export(cursor(List.of()), Exporter.open(ExportFormat.GEOJSON, file, TestLayers.buildings(),
                CRS.resolve("CRS84"), null), null);
        assertThat(Files.readString(file)).doesNotContain("crs").contains("\"features\":[]");
    }

    @Test
    void formatsByName() {
        assertThat(ExportFormat.find("GPKG")).contains(ExportFormat.GEOPACKAGE);
        assertThat(ExportFormat.find("flatgeobuf")).contains(ExportFormat.FLATGEOBUF);
        assertThat(ExportFormat.find("json")).contains(ExportFormat.GEOJSON);
        assertThat(ExportFormat.find("shp")).isEmpty();
    }
}
