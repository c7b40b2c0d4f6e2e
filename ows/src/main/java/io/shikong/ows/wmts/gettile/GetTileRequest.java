package io.shikong.ows.wmts.gettile;

import io.shikong.tiles.TileFormat;
import java.time.Instant;
import java.util.Objects;

/**
 * A WMTS GetTile, read from KVP or from a RESTful path, not yet checked against the catalog and the tile
 * matrix sets (the service does that, so both encodings fail alike).
 *
 * @param layer     the layer identifier
 * @param style     the style identifier, {@code null} for the default ({@code default}, empty or absent)
 * @param format    the tile format
 * @param matrixSet the TileMatrixSet identifier (or an alias the tile service knows)
 * @param matrix    the TileMatrix identifier
 * @param row       TileRow, from the top
 * @param col       TileCol
 * @param time      the TIME dimension: the instant the tile shows, {@code null} for the current state
 */
public record GetTileRequest(String layer, String style, TileFormat format, String matrixSet, String matrix, long row,
                             long col, Instant time) {

    public GetTileRequest {
        Objects.requireNonNull(layer, "layer");
        Objects.requireNonNull(format, "format");
        Objects.requireNonNull(matrixSet, "matrixSet");
        Objects.requireNonNull(matrix, "matrix");
    }
}
