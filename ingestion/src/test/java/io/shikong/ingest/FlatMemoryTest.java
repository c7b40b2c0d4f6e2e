package io.shikong.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Memory stays flat: 300,000 buildings (a ~80 MB GeoJSON) go through reading, validation, the spool and
 * the loader in a JVM limited to a 64 MB heap, which could not hold a fraction of them as records. The
 * reader, the validation and the spool hold one feature at a time; what grows is the duplicate-key index,
 * 16 bytes per feature. The same child runs the >1 GB file of the benchmark.
 */
class FlatMemoryTest {

    static final long FEATURES = 300_000;

    @TempDir
    Path dir;

    @Test
    void aLargeFileLoadsInASmallHeap() throws Exception {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Process p = new ProcessBuilder(List.of(java, "-Xmx64m", "-XX:+ExitOnOutOfMemoryError",
                "-Djava.io.tmpdir=" + dir, "-cp", System.getProperty("java.class.path"),
                FlatMemoryChild.class.getName(), dir.toString(), Long.toString(FEATURES)))
                .redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(10, TimeUnit.MINUTES)).isTrue();
        assertThat(p.exitValue()).as(out).isZero();
        assertThat(out).contains("status=LOADED read=" + FEATURES + " loaded=" + FEATURES);
    }
}
