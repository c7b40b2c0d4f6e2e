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

class CsvSourceReaderTest {

    @TempDir
    Path dir;

    static final String SITES = "编号,名称,类型,经度,纬度,已检查\n"
            + "S1,\"沈阳站, 北广场\",消防,123.3929,41.7946,是\n"
            + "S2,中街,燃气,123.4630,41.8015,否\n"
            + "S3,坏点,燃气,东经,41.8,否\n";

    private static List<SourceRecord> all(SourceReader r) {
        List<SourceRecord> out = new ArrayList<>();
        r.forEachRemaining(out::add);
        return out;
    }

    @Test
    void detectsGbkAndChineseLonLatColumns() throws IOException {
        Path p = dir.resolve("sites.csv");
        Files.write(p, SITES.getBytes(TextEncoding.GBK));
        try (CsvSourceReader r = (CsvSourceReader) SourceReaders.open(p, ReadOptions.DEFAULTS)) {
            assertThat(r.charset()).isEqualTo(TextEncoding.GBK);
            assertThat(r.crs()).isEmpty();
            List<SourceRecord> recs = all(r);
            assertThat(recs).hasSize(3);
            assertThat(recs.get(0).properties()).containsEntry("编号", "S1").containsEntry("名称", "沈阳站, 北广场")
                    .containsEntry("已检查", "是").doesNotContainKeys("经度", "纬度");
            assertThat(recs.get(0).geometry().toText()).isEqualTo("POINT (123.3929 41.7946)");
            assertThat(recs.get(0).location()).isEqualTo("line 2");
            assertThat(recs.get(2).problem()).contains("not a number").contains("东经");
            assertThat(recs.get(2).problemField()).isEqualTo("经度/纬度");
        }
    }

    @Test
    void gbkDeclaredAsUtf8IsAClearErrorSuggestingGbk() throws IOException {
        Path p = dir.resolve("gbk.csv");
        Files.write(p, ("id,wkt,名称\n1,POINT(1 2),沈阳\n").getBytes(TextEncoding.GBK));
        assertThatThrownBy(() -> {
            try (SourceReader r = SourceReaders.open(p, ReadOptions.DEFAULTS.withCharset(StandardCharsets.UTF_8))) {
                all(r);
            }
        }).isInstanceOf(SourceReadException.class).hasMessageContaining("--encoding GBK").hasMessageContaining("line 1")
                .hasMessageContaining("gbk.csv");
    }

    @Test
    void readsWktWithBomSemicolonsAndQuotes() throws IOException {
        Path p = dir.resolve("w.csv");
        String text = "\uFEFFid;WKT;note\n"
                + "a;\"POLYGON((0 0, 1 0, 1 1, 0 0))\";\"line\nbreak\"\n"
                + "b;POINT(1 2);\n"
                + "c;POLYGON((0 0, 1;x\n";
        Files.writeString(p, text, StandardCharsets.UTF_8);
        try (SourceReader r = SourceReaders.open(p, ReadOptions.DEFAULTS)) {
            List<SourceRecord> recs = all(r);
            assertThat(recs.get(0).properties()).containsEntry("id", "a").containsEntry("note", "line\nbreak");
            assertThat(recs.get(0).geometry().getGeometryType()).isEqualTo("Polygon");
            assertThat(recs.get(1).properties()).containsEntry("note", null);
            assertThat(recs.get(1).location()).isEqualTo("line 4");
            assertThat(recs.get(2).problem()).contains("malformed WKT");
            assertThat(recs.get(2).problemField()).isEqualTo("WKT");
        }
    }

    @Test
    void withoutGeometryColumnsSaysWhichAreNeeded() throws IOException {
        Path p = dir.resolve("n.csv");
        Files.writeString(p, "id,name\n1,a\n");
        assertThatThrownBy(() -> SourceReaders.open(p, ReadOptions.DEFAULTS)).isInstanceOf(SourceReadException.class)
                .hasMessageContaining("--lon-column");
    }

    @Test
    void detection() {
        byte[] utf8 = "名称".getBytes(StandardCharsets.UTF_8);
        assertThat(TextEncoding.detect(utf8, utf8.length)).isEqualTo(StandardCharsets.UTF_8);
        // a UTF-8 sequence cut by the end of the sample is still UTF-8
        assertThat(TextEncoding.detect(utf8, utf8.length - 1)).isEqualTo(StandardCharsets.UTF_8);
        byte[] gbk = "名称".getBytes(TextEncoding.GBK);
        assertThat(TextEncoding.detect(gbk, gbk.length)).isEqualTo(TextEncoding.GBK);
        assertThat(TextEncoding.parse("cp936")).isEqualTo(TextEncoding.GBK);
        assertThat(TextEncoding.parse("UTF8")).isEqualTo(StandardCharsets.UTF_8);
    }
}
