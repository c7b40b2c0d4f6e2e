package io.shikong.ingest.store;

import static org.assertj.core.api.Assertions.assertThat;

import io.shikong.core.catalog.CatalogLoader;
import io.shikong.core.catalog.LayerCatalog;
import io.shikong.core.catalog.LayerDefinition;
import io.shikong.core.crs.CrsService;
import io.shikong.core.feature.Feature;
import io.shikong.core.query.Query;
import io.shikong.core.query.TimeSelection;
import io.shikong.core.security.Caller;
import io.shikong.core.store.FeatureCursor;
import io.shikong.core.store.FeatureStore;
import io.shikong.ingest.Ingest;
import io.shikong.ingest.IngestOptions;
import io.shikong.ingest.IngestProgress;
import io.shikong.ingest.IngestReport;
import io.shikong.ingest.Loader;
import io.shikong.ingest.read.ReadOptions;
import io.shikong.ingest.read.SourceReader;
import io.shikong.ingest.read.SourceReaders;
import io.shikong.ingest.write.ExportFormat;
import io.shikong.ingest.write.Exporter;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Files loaded into a real store through {@link Loader#of} (the store's merge) and exported back, the same
 * on both stores ({@code EmbeddedIngestTest}, {@code PostgisIngestIT}): loading the same file twice makes
 * no version, a changed file makes exactly the changed versions, a snapshot closes the absent, a dry run
 * and a file failing validation leave the layer as it was, and an export as of an instant reads back.
 */
abstract class IngestStoreContractTest {

    static final CrsService CRS = new CrsService();
    static final Caller STEWARD = Caller.of("steward", "steward");
    static final String CATALOG = """
            layers:
              - name: buildings
                geometry: MultiPolygon
                transactions: true
                writeRoles: [steward]
                attributes:
                  - {name: name, type: string}
                  - {name: floors, type: integer}
            """;
    static final Instant T1 = Instant.parse("2024-01-01T00:00:00Z");
    static final Instant T2 = Instant.parse("2024-06-01T00:00:00Z");

    @TempDir
    Path dir;

    protected FeatureStore store;
    protected LayerCatalog catalog;

    /** An initialized store on an empty database of its own. */
    protected abstract FeatureStore createStore(LayerCatalog catalog) throws Exception;

    protected void dropDatabase() throws Exception {
    }

    @BeforeEach
    void setUp() throws Exception {
        catalog = CatalogLoader.load(new ByteArrayInputStream(CATALOG.getBytes(StandardCharsets.UTF_8)));
        store = createStore(catalog);
    }

    @AfterEach
    void tearDown() throws Exception {
        store.close();
        dropDatabase();
    }

    LayerDefinition layer() {
        return store.schema("buildings", STEWARD);
    }

    static String square(double x) {
        return "{\"type\":\"Polygon\",\"coordinates\":[[[" + x + ",41.8],[" + (x + 0.001) + ",41.8],[" + (x + 0.001)
                + ",41.801],[" + x + ",41.801],[" + x + ",41.8]]]}";
    }

    Path file(String name, String... rows) throws Exception {
        Path p = dir.resolve(name);
        List<String> fs = new ArrayList<>();
        for (String r : rows) {
            String[] c = r.split(",");
            fs.add("{\"type\":\"Feature\",\"properties\":{\"bh\":\"" + c[0] + "\",\"name\":\"" + c[1] + "\",\"floors\":"
                    + c[2] + "},\"geometry\":" + square(Double.parseDouble(c[3])) + "}");
        }
        Files.writeString(p, "{\"type\":\"FeatureCollection\",\"features\":[" + String.join(",", fs) + "]}");
        return p;
    }

    IngestReport load(Path file, IngestOptions.Builder options) throws Exception {
        return new Ingest(CRS, Loader.of(store, STEWARD)).run(file, layer(), options.key("bh").spoolDirectory(dir).build(),
                IngestProgress.NONE);
    }

    long versions(String id) {
        long n = 0;
        try (FeatureCursor c = store.history("buildings", id, STEWARD)) {
            while (c.hasNext()) {
                c.next();
                n++;
            }
        }
        return n;
    }

    long current() {
        return store.count(Query.of("buildings", STEWARD).build());
    }

    @Test
    void sameFileTwiceMakesNoVersionAndAChangedFileExactlyTheChangedOnes() throws Exception {
        Path v1 = file("v1.geojson", "B1,一号楼,5,123.40", "B2,二号楼,6,123.41", "B3,三号楼,7,123.42");
        IngestReport first = load(v1, IngestOptions.builder().validFrom(T1));
        assertThat(first.status()).as(first.summary()).isEqualTo(IngestReport.Status.LOADED);
        assertThat(first.counts().inserted()).isEqualTo(3);

        IngestReport again = load(v1, IngestOptions.builder().validFrom(T2));
        assertThat(again.counts().unchanged()).isEqualTo(3);
        assertThat(again.counts().inserted() + again.counts().changed()).isZero();
        assertThat(versions("B1")).isEqualTo(1);

        Path v2 = file("v2.geojson", "B1,一号楼,5,123.40", "B2,二号楼（改）,6,123.41");
        IngestReport changed = load(v2, IngestOptions.builder().validFrom(T2).snapshot(true));
        assertThat(changed.counts().changed()).isEqualTo(1);
        assertThat(changed.counts().unchanged()).isEqualTo(1);
        assertThat(changed.counts().closed()).isEqualTo(1);
        assertThat(versions("B1")).isEqualTo(1);
        assertThat(versions("B2")).isEqualTo(2);
        assertThat(current()).isEqualTo(2);

        // the layer as of T1 exported to a GeoPackage reads back as the first file
        Path gpkg = dir.resolve("asof.gpkg");
        Query asOf = Query.of("buildings", STEWARD).time(TimeSelection.asOf(T1.plusSeconds(1))).build();
        long n = Exporter.export(store.read(asOf), Exporter.open(ExportFormat.GEOPACKAGE, gpkg, layer(), CRS.storage(), null),
                null);
        assertThat(n).isEqualTo(3);
        List<String> names = new ArrayList<>();
        try (SourceReader r = SourceReaders.open(gpkg, ReadOptions.DEFAULTS)) {
            assertThat(r.crs()).contains("EPSG:4490");
            r.forEachRemaining(rec -> names.add((String) rec.properties().get("name")));
        }
        assertThat(names).containsExactlyInAnyOrder("一号楼", "二号楼", "三号楼");
    }

    @Test
    void aDryRunAndAFileFailingValidationLeaveTheLayerAsItWas() throws Exception {
        load(file("v1.geojson", "B1,一号楼,5,123.40"), IngestOptions.builder().validFrom(T1));
        IngestReport dry = load(file("v2.geojson", "B1,一号楼,9,123.40", "B2,二号楼,6,123.41"),
                IngestOptions.builder().dryRun(true));
        assertThat(dry.status()).isEqualTo(IngestReport.Status.DRY_RUN);
        assertThat(dry.counts().changed()).isEqualTo(1);
        assertThat(dry.counts().inserted()).isEqualTo(1);
        assertThat(current()).isEqualTo(1);
        assertThat(versions("B1")).isEqualTo(1);

        IngestReport bad = load(file("bad.geojson", "B1,一号楼,9,123.40", "B2,二号楼,\"six\",123.41"), IngestOptions.builder());
        assertThat(bad.status()).isEqualTo(IngestReport.Status.STOPPED);
        assertThat(current()).isEqualTo(1);
        assertThat(versions("B1")).isEqualTo(1);
    }

    @Test
    void aBackdatedLoadIsRefusedWithTheStoresReason() throws Exception {
        load(file("v1.geojson", "B1,一号楼,5,123.40"), IngestOptions.builder().validFrom(T2));
        IngestReport back = load(file("v2.geojson", "B1,一号楼,6,123.40"), IngestOptions.builder().validFrom(T1));
        assertThat(back.status()).isEqualTo(IngestReport.Status.FAILED);
        assertThat(back.reason()).contains("B1");
        assertThat(versions("B1")).isEqualTo(1);
        Feature f;
        try (FeatureCursor c = store.read(Query.of("buildings", STEWARD).build())) {
            f = c.next();
        }
        assertThat(f.get("floors")).isEqualTo(5);
    }
}
