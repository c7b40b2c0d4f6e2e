package io.shikong.ingest.read;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class GeoJsonSourceReaderTest {

    @TempDir
    Path dir;

    static final String COLLECTION = """
            {"type":"FeatureCollection","name":"楼",
             "crs":{"type":"name","properties":{"name":"urn:ogc:def:crs:EPSG::4490"}},
             "features":[
              {"type":"Feature","id":"b1","properties":{"name":"一号楼","floors":5,"height":17.5,"tags":{"a":[1,2]}},
               "geometry":{"type":"Polygon","coordinates":[[[123.4,41.8],[123.41,41.8],[123.41,41.81],[123.4,41.8]]]}},
              {"type":"Feature","properties":{"id":"b2","name":null},
               "geometry":{"coordinates":[123.5,41.9],"type":"Point"}},
              {"type":"Feature","properties":{"id":"b3"},"geometry":{"type":"Polygon","coordinates":[[[1,2],[3,4]]]}},
              {"type":"Feature","properties":{"id":"b4"},"geometry":null}
             ]}
            """;

    private Path write(String name, String text) throws IOException {
        Path p = dir.resolve(name);
        Files.writeString(p, text, StandardCharsets.UTF_8);
        return p;
    }

    private static List<SourceRecord> all(SourceReader r) {
        List<SourceRecord> out = new ArrayList<>();
        r.forEachRemaining(out::add);
        return out;
    }

    @Test
    void readsACollectionFeatureByFeatureWithItsLegacyCrs() throws IOException {
        try (SourceReader r = SourceReaders.open(write("b.geojson", COLLECTION), ReadOptions.DEFAULTS)) {
            assertThat(r.format()).isEqualTo(SourceFormat.GEOJSON);
            assertThat(r.crs()).contains("urn:ogc:def:crs:EPSG::4490");
            List<SourceRecord> recs = all(r);
            assertThat(recs).hasSize(4);
            SourceRecord b1 = recs.get(0);
            assertThat(b1.properties()).containsEntry("name", "一号楼").containsEntry("floors", 5L)
                    .containsEntry("height", 17.5).containsEntry("tags", "{\"a\":[1,2]}").containsEntry("id", "b1");
            assertThat(b1.geometry().toText()).isEqualTo("POLYGON ((123.4 41.8, 123.41 41.8, 123.41 41.81, 123.4 41.8))");
            assertThat(b1.location()).startsWith("feature 0 (line ");
            assertThat(recs.get(1).geometry().toText()).isEqualTo("POINT (123.5 41.9)");
            assertThat(recs.get(1).properties()).containsEntry("name", null);
            assertThat(recs.get(2).problem()).contains("ring has 2 positions");
            assertThat(recs.get(2).problemField()).isEqualTo("geometry");
            assertThat(recs.get(3).geometry()).isNull();
            assertThat(recs.get(3).problem()).isNull();
            assertThat(r.bytesRead()).isEqualTo(r.totalBytes());
        }
    }

    @Test
    void withoutCrsMemberItIsCrs84() throws IOException {
        try (SourceReader r = SourceReaders.open(write("a.json",
                "{\"features\":[],\"type\":\"FeatureCollection\"}"), ReadOptions.DEFAULTS)) {
            assertThat(r.crs()).contains("CRS84");
            assertThat(r.hasNext()).isFalse();
        }
    }

    @Test
    void readsGeoJsonLinesWithRecordSeparators() throws IOException {
        String text = "\u001e{\"type\":\"Feature\",\"properties\":{\"id\":1},\"geometry\":{\"type\":\"Point\",\"coordinates\":[1,2]}}\n"
                + "\u001e{\"type\":\"Feature\",\"properties\":{\"id\":2},\"geometry\":{\"type\":\"MultiLineString\","
                + "\"coordinates\":[[[1,2],[3,4]],[[5,6],[7,8,9]]]}}\n";
        try (SourceReader r = SourceReaders.open(write("s.geojsonl", text), ReadOptions.DEFAULTS)) {
            List<SourceRecord> recs = all(r);
            assertThat(recs).extracting(SourceRecord::location).containsExactly("line 1", "line 2");
            assertThat(recs.get(1).geometry().getNumGeometries()).isEqualTo(2);
            assertThat(recs.get(1).properties()).containsEntry("id", 2L);
        }
    }

    @Test
    void aTruncatedFileSaysWhereAndThatItIsTruncated() throws IOException {
        byte[] whole = COLLECTION.getBytes(StandardCharsets.UTF_8);
        Path p = dir.resolve("cut.geojson");
        Files.write(p, java.util.Arrays.copyOf(whole, 420));
        try (SourceReader r = SourceReaders.open(p, ReadOptions.DEFAULTS)) {
            assertThatThrownBy(() -> all(r)).isInstanceOf(SourceReadException.class)
                    .hasMessageContaining("cut.geojson").hasMessageContaining("truncated").hasMessageContaining("截断")
                    .hasMessageContaining("byte ").hasMessageContaining("line ");
        }
    }

    @Test
    void aCrsMemberAfterTheFeaturesIsRefused() throws IOException {
        String text = "{\"type\":\"FeatureCollection\",\"features\":[],\"crs\":{\"type\":\"name\",\"properties\":{\"name\":\"EPSG:3857\"}}}";
        try (SourceReader r = SourceReaders.open(write("late.geojson", text), ReadOptions.DEFAULTS)) {
            assertThatThrownBy(r::hasNext).isInstanceOf(SourceReadException.class).hasMessageContaining("after");
        }
    }

    @Test
    void malformedJsonSaysWhere() throws IOException {
        String text = "{\"type\":\"FeatureCollection\",\"features\":[{\"type\":\"Feature\",\"properties\":{\"a\":tru}}]}";
        try (SourceReader r = SourceReaders.open(write("bad.geojson", text), ReadOptions.DEFAULTS)) {
            assertThatThrownBy(r::hasNext).isInstanceOf(SourceReadException.class)
                    .hasMessageContaining("malformed JSON").hasMessageContaining("line 1");
        }
    }
}
