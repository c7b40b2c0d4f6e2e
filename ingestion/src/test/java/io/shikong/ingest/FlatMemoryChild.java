package io.shikong.ingest;

import io.shikong.core.crs.CrsService;
import java.io.BufferedWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Run by {@link FlatMemoryTest} in a JVM with a small heap: writes a generated GeoJSON of {@code n}
 * buildings (streamed to disk, never held), loads it through the whole pipeline into a loader that only
 * counts, and prints {@code status=LOADED read=<n> loaded=<n>}. Also the way to run the >1 GB file of the
 * benchmark (about 4 million features make 1 GB): {@code java -Xmx128m -XX:+ExitOnOutOfMemoryError -cp
 * <ingestion test classpath> io.shikong.ingest.FlatMemoryChild DIR 4000000}, with peak RSS from
 * {@code /usr/bin/time -v}.
 */
public final class FlatMemoryChild {

    private FlatMemoryChild() {
    }

    public static void main(String[] args) throws Exception {
        Path dir = Path.of(args[0]);
        long n = Long.parseLong(args[1]);
        Path file = dir.resolve("generated.geojson");
        try (Writer w = new BufferedWriter(Files.newBufferedWriter(file, StandardCharsets.UTF_8), 1 << 16)) {
            w.write("{\"type\":\"FeatureCollection\",\"features\":[\n");
            for (long i = 0; i < n; i++) {
                double x = 123.0 + (i % 1000) * 0.001;
                double y = 41.5 + (i / 1000) * 0.0001;
                w.write((i == 0 ? "" : ",\n") + "{\"type\":\"Feature\",\"properties\":{\"code\":\"B" + i
                        + "\",\"name\":\"第" + i + "号楼\",\"floors\":" + (i % 30 + 1) + ",\"height\":" + (i % 90) + ".5"
                        + "},\"geometry\":{\"type\":\"Polygon\",\"coordinates\":[[[" + x + "," + y + "],[" + (x + 0.0005) + ","
                        + y + "],[" + (x + 0.0005) + "," + (y + 0.00005) + "],[" + x + "," + (y + 0.00005) + "],[" + x + ","
                        + y + "]]]}}");
            }
            w.write("\n]}\n");
        }
        TestLayers.MemoryLoader loader = new TestLayers.MemoryLoader(false);
        IngestReport r = new Ingest(new CrsService(), loader).run(file, TestLayers.buildings(),
                IngestOptions.builder().key("code").spoolDirectory(dir).build(), IngestProgress.NONE);
        Files.delete(file);
        System.out.println("status=" + r.status() + " read=" + r.read() + " loaded=" + loader.count + " bytes="
                + Runtime.getRuntime().maxMemory());
    }
}
