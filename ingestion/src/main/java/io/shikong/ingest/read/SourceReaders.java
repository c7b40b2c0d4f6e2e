package io.shikong.ingest.read;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** Opens the reader that fits a file, by extension or content ({@link SourceFormat#detect}). */
public final class SourceReaders {

    private SourceReaders() {
    }

    /**
     * @throws SourceReadException when the file does not exist or its format is not one of
     *         {@link SourceFormat}, or when the reader cannot open it
     */
    public static SourceReader open(Path file, ReadOptions options) throws IOException {
        String name = file.getFileName().toString();
        if (!Files.isRegularFile(file)) {
            throw new SourceReadException(name, null, "文件不存在 no such file: " + file);
        }
        SourceFormat format = SourceFormat.detect(file).orElseThrow(() -> new SourceReadException(name, null,
                "无法识别的文件格式 unknown file format (GeoJSON, GeoJSON Lines, CSV, GeoPackage, FlatGeobuf, "
                        + "Shapefile .shp/.zip are read; GeoParquet through the Spark jobs)"));
        return open(file, format, options);
    }

    /** Opens the file as the given format. */
    public static SourceReader open(Path file, SourceFormat format, ReadOptions options) throws IOException {
        return switch (format) {
            case GEOJSON -> new GeoJsonSourceReader(file, false);
            case GEOJSONSEQ -> new GeoJsonSourceReader(file, true);
            case CSV -> new CsvSourceReader(file, options);
            case GEOPACKAGE -> new GeoPackageSourceReader(file, options);
            case FLATGEOBUF -> new FlatGeobufSourceReader(file);
            case SHAPEFILE -> new ShapefileSourceReader(file, options);
        };
    }
}
