package io.shikong.ingest.read;

import java.nio.charset.Charset;

/**
 * How to read a source file. Every member may be {@code null}: the reader detects or uses a default.
 *
 * @param charset   text encoding of CSV files and Shapefile DBFs; {@code null} detects it (a byte-order
 *                  mark, a {@code .cpg} file, else strict UTF-8 when the sample decodes, GBK otherwise)
 * @param wktColumn CSV column holding WKT; {@code null} looks for wkt, geometry, geom, the_geom
 * @param lonColumn CSV longitude/x column; {@code null} looks for lon, lng, long, longitude, x, 经度
 * @param latColumn CSV latitude/y column; {@code null} looks for lat, latitude, y, 纬度
 * @param table     GeoPackage feature table; {@code null} takes the only one (several: an error listing them)
 */
public record ReadOptions(Charset charset, String wktColumn, String lonColumn, String latColumn, String table) {

    /** Everything detected. */
    public static final ReadOptions DEFAULTS = new ReadOptions(null, null, null, null, null);

    /** These options with a declared encoding. */
    public ReadOptions withCharset(Charset c) {
        return new ReadOptions(c, wktColumn, lonColumn, latColumn, table);
    }
}
