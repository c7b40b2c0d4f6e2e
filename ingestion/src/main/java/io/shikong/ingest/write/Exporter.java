package io.shikong.ingest.write;

import io.shikong.core.catalog.LayerDefinition;
import io.shikong.core.crs.Crs;
import io.shikong.core.feature.Feature;
import io.shikong.core.store.FeatureCursor;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.function.LongConsumer;

/**
 * Exports what a store read returns (a {@link FeatureCursor} of a query: a layer as of an instant,
 * filtered, in an output CRS) to a file or stream in one of the {@link ExportFormat}s, one feature at a
 * time. The caller builds the query ({@code Query.of(layer, caller).time(...).filter(...).outputCrs(crs)})
 * and passes the same CRS here for the file's metadata.
 */
public final class Exporter {

    private Exporter() {
    }

    /** A writer to a stream; GeoPackage, which needs a file, is refused. CSV is UTF-8. */
    public static FeatureWriter open(ExportFormat format, OutputStream out, LayerDefinition layer, Crs crs)
            throws IOException {
        return switch (format) {
            case GEOJSON -> new GeoJsonFeatureWriter(out, layer, crs);
            case CSV -> new CsvFeatureWriter(out, layer, StandardCharsets.UTF_8);
            case FLATGEOBUF -> new FlatGeobufFeatureWriter(out, layer, crs);
            case GEOPACKAGE -> throw new IllegalArgumentException("GeoPackage is written to a file, not a stream");
        };
    }

    /**
     * A writer to a new file.
     *
     * @param csvCharset the encoding of CSV ({@code null} = UTF-8; GBK for older spreadsheets)
     */
    public static FeatureWriter open(ExportFormat format, Path file, LayerDefinition layer, Crs crs,
                                     Charset csvCharset) throws IOException {
        if (format == ExportFormat.GEOPACKAGE) {
            return new GeoPackageFeatureWriter(file, layer, crs);
        }
        OutputStream out = Files.newOutputStream(file);
        try {
            if (format == ExportFormat.CSV) {
                return new CsvFeatureWriter(out, layer, csvCharset == null ? StandardCharsets.UTF_8 : csvCharset);
            }
            return open(format, out, layer, crs);
        } catch (IOException | RuntimeException e) {
            out.close();
            throw e;
        }
    }

    /**
     * Writes every feature of the cursor and closes both.
     *
     * @param progress told the number of features written every 1,000 and at the end; may be {@code null}
     * @return the number of features written
     */
    public static long export(FeatureCursor cursor, FeatureWriter writer, LongConsumer progress) throws IOException {
        long n = 0;
        try (cursor; writer) {
            while (cursor.hasNext()) {
                Feature f = cursor.next();
                writer.write(f);
                if (++n % 1000 == 0 && progress != null) {
                    progress.accept(n);
                }
            }
        }
        if (progress != null) {
            progress.accept(n);
        }
        return n;
    }
}
