package io.shikong.ingest.write;

import java.util.Locale;
import java.util.Optional;

/** The export formats, with their file extension and media type. */
public enum ExportFormat {
    GEOPACKAGE("gpkg", "application/geopackage+sqlite3"),
    FLATGEOBUF("fgb", "application/flatgeobuf"),
    GEOJSON("geojson", "application/geo+json"),
    CSV("csv", "text/csv; charset=UTF-8");

    private final String extension;
    private final String mediaType;

    ExportFormat(String extension, String mediaType) {
        this.extension = extension;
        this.mediaType = mediaType;
    }

    public String extension() {
        return extension;
    }

    public String mediaType() {
        return mediaType;
    }

    /** Whether the format must be written to a file (GeoPackage is an SQLite database), not a stream. */
    public boolean needsFile() {
        return this == GEOPACKAGE;
    }

    /**
     * The format named by an extension or name, case-insensitively: {@code gpkg}/{@code geopackage},
     * {@code fgb}/{@code flatgeobuf}, {@code geojson}/{@code json}, {@code csv}.
     */
    public static Optional<ExportFormat> find(String name) {
        if (name == null) {
            return Optional.empty();
        }
        return switch (name.strip().toLowerCase(Locale.ROOT)) {
            case "gpkg", "geopackage" -> Optional.of(GEOPACKAGE);
            case "fgb", "flatgeobuf" -> Optional.of(FLATGEOBUF);
            case "geojson", "json" -> Optional.of(GEOJSON);
            case "csv" -> Optional.of(CSV);
            default -> Optional.empty();
        };
    }
}
