package io.shikong.ingest.read;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Optional;

/** The source formats the single-process readers read. GeoParquet is read by the Spark jobs. */
public enum SourceFormat {
    /** A GeoJSON FeatureCollection (RFC 7946; a legacy {@code crs} member is honoured). */
    GEOJSON,
    /** GeoJSON Lines / GeoJSONSeq (RFC 8142): one Feature per line, optionally RS-prefixed. */
    GEOJSONSEQ,
    /** CSV with a header row and a WKT column or longitude/latitude columns. */
    CSV,
    /** OGC GeoPackage. */
    GEOPACKAGE,
    /** FlatGeobuf. */
    FLATGEOBUF,
    /** ESRI Shapefile (.shp with .shx, .dbf, .prj, .cpg), plain or zipped. */
    SHAPEFILE;

    /**
     * The format of a file: by extension ({@code .geojson .json .geojsonl .geojsons .ndjson .jsonl .csv
     * .txt .gpkg .fgb .shp .zip}), else by its first bytes (SQLite and FlatGeobuf magic, ZIP; a first line that is one whole Feature
     * object, or an RS, is GeoJSON Lines; other JSON objects are GeoJSON).
     */
    public static Optional<SourceFormat> detect(Path file) throws IOException {
        String name = file.getFileName().toString().toLowerCase(Locale.ROOT);
        int dot = name.lastIndexOf('.');
        String ext = dot < 0 ? "" : name.substring(dot + 1);
        switch (ext) {
            case "geojson", "json": return Optional.of(GEOJSON);
            case "geojsonl", "geojsons", "geojsonseq", "ndjson", "jsonl": return Optional.of(GEOJSONSEQ);
            case "csv", "tsv", "txt": return Optional.of(CSV);
            case "gpkg": return Optional.of(GEOPACKAGE);
            case "fgb": return Optional.of(FLATGEOBUF);
            case "shp", "zip": return Optional.of(SHAPEFILE);
            default: break;
        }
        byte[] head = new byte[4096];
        int n;
        try (InputStream in = Files.newInputStream(file)) {
            n = in.readNBytes(head, 0, head.length);
        }
        String s = new String(head, 0, n, java.nio.charset.StandardCharsets.ISO_8859_1);
        if (s.startsWith("SQLite format 3")) {
            return Optional.of(GEOPACKAGE);
        }
        if (n >= 3 && head[0] == 'f' && head[1] == 'g' && head[2] == 'b') {
            return Optional.of(FLATGEOBUF);
        }
        if (n >= 2 && head[0] == 'P' && head[1] == 'K') {
            return Optional.of(SHAPEFILE);
        }
        String t = s.strip();
        int eol = t.indexOf('\n');
        String first = (eol < 0 ? t : t.substring(0, eol)).strip();
        if (t.startsWith("\u001e") || (first.startsWith("{") && first.endsWith("}") && first.contains("\"Feature\"")
                && !first.contains("\"FeatureCollection\""))) {
            return Optional.of(GEOJSONSEQ);
        }
        if (t.startsWith("{")) {
            return Optional.of(GEOJSON);
        }
        return Optional.empty();
    }
}
