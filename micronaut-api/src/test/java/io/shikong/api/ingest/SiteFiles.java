package io.shikong.api.ingest;

import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Set;

/** GeoJSON files of inspection sites (the sample catalog's {@code inspection_sites}), made in the tests. */
final class SiteFiles {

    private SiteFiles() {
    }

    /**
     * {@code n} sites with ids {@code prefix-1 … prefix-n} around Shenyang (CRS84); those in {@code changed}
     * (1-based) have risk level D instead of A.
     */
    static Path sites(Path file, String prefix, int n, Set<Integer> changed) throws IOException {
        try (BufferedWriter w = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
            w.write("{\"type\":\"FeatureCollection\",\"features\":[\n");
            for (int i = 1; i <= n; i++) {
                double x = 123.30 + (i % 1000) * 0.0002;
                double y = 41.70 + (i / 1000) * 0.0002;
                w.write(String.format(Locale.ROOT, "{\"type\":\"Feature\",\"geometry\":{\"type\":\"Point\",\"coordinates\":[%.6f,%.6f]},"
                        + "\"properties\":{\"id\":\"%s-%d\",\"name\":\"检查点 %d\",\"site_type\":\"restaurant\",\"license_no\":\"JY%08d\","
                        + "\"risk_level\":\"%s\",\"last_inspected_on\":\"2025-03-01\",\"last_result\":\"pass\",\"district\":\"和平区\"}}%s\n",
                        x, y, prefix, i, i, i, changed.contains(i) ? "D" : "A", i < n ? "," : ""));
            }
            w.write("]}\n");
        }
        return file;
    }

    /** The same sites as GeoJSON Lines (one feature a line), for large files. */
    static Path siteLines(Path file, String prefix, int n) throws IOException {
        try (BufferedWriter w = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
            for (int i = 1; i <= n; i++) {
                double x = 123.30 + (i % 1000) * 0.0002;
                double y = 41.70 + (i / 1000) * 0.0002;
                w.write(String.format(Locale.ROOT, "{\"type\":\"Feature\",\"geometry\":{\"type\":\"Point\",\"coordinates\":[%.6f,%.6f]},"
                        + "\"properties\":{\"id\":\"%s-%d\",\"name\":\"检查点 %d\",\"site_type\":\"pharmacy\",\"license_no\":\"YP%08d\","
                        + "\"risk_level\":\"B\",\"last_inspected_on\":\"2025-03-01\",\"last_result\":\"pass\",\"district\":\"沈河区\"}}\n",
                        x, y, prefix, i, i, i));
            }
        }
        return file;
    }
}
