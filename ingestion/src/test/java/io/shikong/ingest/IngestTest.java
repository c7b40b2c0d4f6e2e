package io.shikong.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import io.shikong.core.crs.CrsService;
import io.shikong.core.feature.Feature;
import io.shikong.ingest.read.ReadOptions;
import io.shikong.ingest.read.TextEncoding;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.locationtech.jts.geom.MultiPolygon;
import org.locationtech.jts.geom.Point;

class IngestTest {

    static final CrsService CRS = new CrsService();

    @TempDir
    Path dir;

    final TestLayers.MemoryLoader loader = new TestLayers.MemoryLoader();
    final Ingest ingest = new Ingest(CRS, loader);

    static String feature(String id, String props, String geometry) {
        return "{\"type\":\"Feature\",\"properties\":{\"code\":\"" + id + "\"" + (props.isEmpty() ? "" : "," + props)
                + "},\"geometry\":" + geometry + "}";
    }

    static final String SQUARE = "{\"type\":\"Polygon\",\"coordinates\":[[[123.4,41.8],[123.401,41.8],[123.401,41.801],[123.4,41.801],[123.4,41.8]]]}";
    static final String BOWTIE = "{\"type\":\"Polygon\",\"coordinates\":[[[123.4,41.8],[123.401,41.801],[123.401,41.8],[123.4,41.801],[123.4,41.8]]]}";

    private Path collection(String name, String... features) throws IOException {
        Path p = dir.resolve(name);
        Files.writeString(p, "{\"type\":\"FeatureCollection\",\"features\":[" + String.join(",\n", features) + "]}");
        return p;
    }

    private IngestOptions.Builder options() {
        return IngestOptions.builder().key("code").spoolDirectory(dir);
    }

    @Test
    void loadsTypedPromotedFeaturesKeyedByTheKeyField() throws IOException {
        Path p = collection("b.geojson",
                feature("B1", "\"NAME\":\"一号楼\",\"floors\":\"5\",\"height\":17.5,\"built\":\"2019-06-01\",\"extra\":1", SQUARE),
                feature("B2", "\"name\":\"二号楼\",\"floors\":7.0", SQUARE));
        IngestReport r = ingest.run(p, TestLayers.buildings(), options().snapshot(true)
                .validFrom(Instant.parse("2024-01-01T00:00:00Z")).build(), IngestProgress.NONE);
        assertThat(r.status()).isEqualTo(IngestReport.Status.LOADED);
        assertThat(r.exitCode()).isZero();
        assertThat(r.read()).isEqualTo(2);
        assertThat(r.rejected()).isZero();
        assertThat(r.sourceCrs()).isEqualTo("CRS84");
        assertThat(r.unmappedFields()).containsExactly("extra");
        assertThat(r.counts().inserted()).isEqualTo(2);
        assertThat(loader.snapshot).isTrue();
        assertThat(loader.validFrom).isEqualTo(Instant.parse("2024-01-01T00:00:00Z"));
        Feature b1 = loader.features.get(0);
        assertThat(b1.id()).isEqualTo("B1");
        assertThat(b1.geometry()).isInstanceOf(MultiPolygon.class);
        assertThat(b1.properties()).containsEntry("name", "一号楼").containsEntry("floors", 5)
                .containsEntry("height", 17.5).containsEntry("built", LocalDate.of(2019, 6, 1));
        assertThat(loader.features.get(1).get("floors")).isEqualTo(7);
    }

    @Test
    void wrongTypeValuesAreReportedWithFieldValueAndTypeAndNothingIsLoaded() throws IOException {
        Path p = collection("t.geojson",
                feature("B1", "\"name\":\"a\",\"floors\":5", SQUARE),
                feature("B2", "\"name\":\"b\",\"floors\":\"五层\",\"built\":\"yesterday\"", SQUARE));
        IngestReport r = ingest.run(p, TestLayers.buildings(), options().build(), IngestProgress.NONE);
        assertThat(r.status()).isEqualTo(IngestReport.Status.STOPPED);
        assertThat(r.exitCode()).isEqualTo(2);
        assertThat(r.rejected()).isEqualTo(1);
        assertThat(r.rejects()).hasSize(2);
        Reject floors = r.rejects().get(0);
        assertThat(floors.file()).isEqualTo("t.geojson");
        assertThat(floors.location()).startsWith("feature 1");
        assertThat(floors.field()).isEqualTo("floors");
        assertThat(floors.reason()).contains("'五层'").contains("expected integer");
        assertThat(r.rejects().get(1).field()).isEqualTo("built");
        assertThat(r.rejects().get(1).reason()).contains("expected date");
        assertThat(loader.calls).isZero();
        assertThat(r.summary()).contains("stopped").contains("五层");
    }

    @Test
    void aBadRowAfterManyGoodOnesLeavesNothingWritten() throws IOException {
        String[] fs = new String[2001];
        for (int i = 0; i < 2000; i++) {
            fs[i] = feature("B" + i, "\"name\":\"n\"", SQUARE);
        }
        fs[2000] = feature("B2000", "", SQUARE);
        IngestReport r = ingest.run(collection("many.geojson", fs), TestLayers.buildings(), options().build(),
                IngestProgress.NONE);
        assertThat(r.status()).isEqualTo(IngestReport.Status.STOPPED);
        assertThat(r.rejects()).singleElement().satisfies(j -> {
            assertThat(j.location()).startsWith("feature 2000");
            assertThat(j.reason()).contains("required attribute name");
        });
        assertThat(loader.calls).isZero();
    }

    @Test
    void rejectsUpToTheLimitAreLeftOutAndReported() throws IOException {
        Path p = collection("l.geojson", feature("B1", "\"name\":\"a\"", SQUARE), feature("B2", "\"name\":\"b\"", BOWTIE));
        IngestReport r = ingest.run(p, TestLayers.buildings(), options().maxRejects(1).build(), IngestProgress.NONE);
        assertThat(r.status()).isEqualTo(IngestReport.Status.LOADED);
        assertThat(r.exitCode()).isEqualTo(3);
        assertThat(loader.features).extracting(Feature::id).containsExactly("B1");
        // the same in a snapshot load would close B2: stopped
        TestLayers.MemoryLoader other = new TestLayers.MemoryLoader();
        IngestReport s = new Ingest(CRS, other).run(p, TestLayers.buildings(), options().maxRejects(1).snapshot(true)
                .build(), IngestProgress.NONE);
        assertThat(s.status()).isEqualTo(IngestReport.Status.STOPPED);
        assertThat(s.reason()).contains("snapshot");
        assertThat(other.calls).isZero();
    }

    @Test
    void aSelfIntersectingPolygonIsRejectedOrRepaired() throws IOException {
        Path p = collection("bow.geojson", feature("B1", "\"name\":\"a\"", BOWTIE));
        IngestReport r = ingest.run(p, TestLayers.buildings(), options().build(), IngestProgress.NONE);
        assertThat(r.status()).isEqualTo(IngestReport.Status.STOPPED);
        assertThat(r.rejects().get(0).field()).isEqualTo("geometry");
        assertThat(r.rejects().get(0).reason()).contains("Self-intersection").contains("--repair");
        assertThat(loader.calls).isZero();

        IngestReport fixed = ingest.run(p, TestLayers.buildings(), options().repair(true).build(), IngestProgress.NONE);
        assertThat(fixed.status()).isEqualTo(IngestReport.Status.LOADED);
        Feature f = loader.features.get(0);
        assertThat(f.geometry().isValid()).isTrue();
        assertThat(f.geometry()).isInstanceOf(MultiPolygon.class);
        assertThat(f.geometry().getNumGeometries()).isEqualTo(2);
    }

    @Test
    void duplicateKeysAndMissingKeysAreRejected() throws IOException {
        Path p = collection("d.geojson", feature("B1", "\"name\":\"a\"", SQUARE), feature("B1", "\"name\":\"b\"", SQUARE),
                "{\"type\":\"Feature\",\"properties\":{\"name\":\"c\"},\"geometry\":" + SQUARE + "}");
        IngestReport r = ingest.run(p, TestLayers.buildings(), options().maxRejects(5).build(), IngestProgress.NONE);
        assertThat(r.rejected()).isEqualTo(2);
        assertThat(r.rejects().get(0).reason()).contains("duplicate key 'B1'").contains("record #1");
        assertThat(r.rejects().get(1).reason()).contains("no key field 'code'");
        assertThat(loader.features).hasSize(1);
    }

    @Test
    void geometryOfTheWrongTypeIsRejected() throws IOException {
        Path p = collection("g.geojson", feature("B1", "\"name\":\"a\"", "{\"type\":\"Point\",\"coordinates\":[123,41]}"));
        IngestReport r = ingest.run(p, TestLayers.buildings(), options().build(), IngestProgress.NONE);
        assertThat(r.rejects().get(0).reason()).contains("geometry type Point does not fit the layer's MultiPolygon");
    }

    @Test
    void gbkCsvInGcj02IsConvertedToCgcs2000() throws IOException {
        Path p = dir.resolve("sites.csv");
        Files.write(p, ("编号,name,kind,经度,纬度,inspected\nS1,沈阳站,消防,123.3929,41.7946,是\nS2,中街,燃气,123.463,41.8015,F\n")
                .getBytes(TextEncoding.GBK));
        IngestReport r = ingest.run(p, TestLayers.sites(), options().key("编号").crs("GCJ02").build(), IngestProgress.NONE);
        assertThat(r.status()).isEqualTo(IngestReport.Status.LOADED);
        assertThat(r.sourceCrs()).isEqualTo("GCJ02");
        Feature s1 = loader.features.get(0);
        assertThat(s1.id()).isEqualTo("S1");
        assertThat(s1.properties()).containsEntry("name", "沈阳站").containsEntry("kind", "消防").containsEntry("inspected", true);
        assertThat(loader.features.get(1).get("inspected")).isEqualTo(false);
        double[] expected = CRS.transform(123.3929, 41.7946, CRS.resolve("GCJ02"), CRS.storage());
        Point pt = (Point) s1.geometry();
        assertThat(pt.getX()).isEqualTo(expected[0]);
        assertThat(pt.getY()).isEqualTo(expected[1]);
        // GCJ-02 is offset by hundreds of metres from CGCS2000 here
        assertThat(Math.abs(pt.getX() - 123.3929)).isGreaterThan(0.003);
    }

    @Test
    void aFileWithoutCrsIsRefusedUnlessDeclaredAndUnsupportedCrsIsRefused() throws IOException {
        Path p = dir.resolve("n.csv");
        Files.writeString(p, "code,wkt\nA,POINT(123 41)\n");
        IngestReport r = ingest.run(p, TestLayers.sites(), options().build(), IngestProgress.NONE);
        assertThat(r.status()).isEqualTo(IngestReport.Status.FAILED);
        assertThat(r.exitCode()).isEqualTo(1);
        assertThat(r.reason()).contains("declares no CRS").contains("--crs");
        IngestReport utm = ingest.run(p, TestLayers.sites(), options().crs("EPSG:32651").build(), IngestProgress.NONE);
        assertThat(utm.status()).isEqualTo(IngestReport.Status.FAILED);
        assertThat(utm.reason()).contains("32651");
        assertThat(loader.calls).isZero();
        IngestReport ok = ingest.run(p, TestLayers.sites(), options().crs("EPSG:4490").build(), IngestProgress.NONE);
        assertThat(ok.status()).isEqualTo(IngestReport.Status.LOADED);
    }

    @Test
    void aTruncatedGeoJsonFailsWithWhereAndNothingIsLoaded() throws IOException {
        Path whole = collection("w.geojson", feature("B1", "\"name\":\"a\"", SQUARE), feature("B2", "\"name\":\"b\"", SQUARE));
        byte[] b = Files.readAllBytes(whole);
        Path cut = dir.resolve("cut.geojson");
        Files.write(cut, java.util.Arrays.copyOf(b, b.length - 40));
        IngestReport r = ingest.run(cut, TestLayers.buildings(), options().build(), IngestProgress.NONE);
        assertThat(r.status()).isEqualTo(IngestReport.Status.FAILED);
        assertThat(r.reason()).contains("cut.geojson").contains("truncated").contains("byte ");
        assertThat(r.read()).isEqualTo(1);
        assertThat(loader.calls).isZero();
    }

    @Test
    void gbkCsvDeclaredUtf8FailsSuggestingGbk() throws IOException {
        Path p = dir.resolve("g.csv");
        Files.write(p, "code,wkt,name\nA,POINT(123 41),沈阳\n".getBytes(TextEncoding.GBK));
        IngestReport r = ingest.run(p, TestLayers.sites(), options().crs("EPSG:4490")
                .read(ReadOptions.DEFAULTS.withCharset(StandardCharsets.UTF_8)).build(), IngestProgress.NONE);
        assertThat(r.status()).isEqualTo(IngestReport.Status.FAILED);
        assertThat(r.reason()).contains("--encoding GBK").contains("line 2").contains("name");
        assertThat(loader.calls).isZero();
    }

    @Test
    void aMappingFileMapsSourceFieldsToAttributes() throws IOException {
        Path map = dir.resolve("map.yaml");
        Files.writeString(map, "fields:\n  建筑名称: name\n  层数: FLOORS\n");
        Path p = collection("m.geojson", feature("B1", "\"建筑名称\":\"一号楼\",\"层数\":3,\"name\":\"ignored\"", SQUARE));
        IngestReport r = ingest.run(p, TestLayers.buildings(), options().mapping(AttributeMapping.read(map)).build(),
                IngestProgress.NONE);
        assertThat(r.status()).isEqualTo(IngestReport.Status.LOADED);
        assertThat(loader.features.get(0).properties()).containsEntry("name", "一号楼").containsEntry("floors", 3);
        assertThat(r.unmappedFields()).containsExactly("name");

        Files.writeString(map, "{\"a\": \"nope\"}");
        IngestReport bad = ingest.run(p, TestLayers.buildings(), options().mapping(AttributeMapping.read(map)).build(),
                IngestProgress.NONE);
        assertThat(bad.status()).isEqualTo(IngestReport.Status.FAILED);
        assertThat(bad.reason()).contains("'nope' is not an attribute of layer buildings");
    }

    @Test
    void dryRunAndProgressArePassedOn() throws IOException {
        Path p = collection("p.geojson", feature("B1", "\"name\":\"a\"", SQUARE));
        List<long[]> seen = new java.util.ArrayList<>();
        IngestReport r = ingest.run(p, TestLayers.buildings(), options().dryRun(true).build(),
                (phase, records, bytes, total) -> seen.add(new long[] {phase.ordinal(), records, bytes, total}));
        assertThat(r.status()).isEqualTo(IngestReport.Status.DRY_RUN);
        assertThat(loader.dryRun).isTrue();
        assertThat(seen).anySatisfy(s -> assertThat(s).containsExactly(0, 1, Files.size(p), Files.size(p)));
        assertThat(seen).anySatisfy(s -> assertThat(s).containsExactly(1, 1, 1, 1));
    }

    @Test
    void aRefusalByTheLoaderFailsTheLoad() throws IOException {
        Path p = collection("x.geojson", feature("B1", "\"name\":\"a\"", SQUARE));
        Ingest refusing = new Ingest(CRS, (layer, it, o) -> {
            throw new io.shikong.core.error.InvalidParameterException("validFrom", "valid-from earlier than B1's current version");
        });
        IngestReport r = refusing.run(p, TestLayers.buildings(), options().build(), IngestProgress.NONE);
        assertThat(r.status()).isEqualTo(IngestReport.Status.FAILED);
        assertThat(r.reason()).contains("earlier than B1");
    }

    @Test
    void keyText() {
        assertThat(Ingest.keyText(12.0)).isEqualTo("12");
        assertThat(Ingest.keyText(12L)).isEqualTo("12");
        assertThat(Ingest.keyText(" a ")).isEqualTo("a");
        assertThat(Ingest.keyText(" ")).isNull();
        assertThat(Ingest.keyText(1.5)).isEqualTo("1.5");
    }
}
