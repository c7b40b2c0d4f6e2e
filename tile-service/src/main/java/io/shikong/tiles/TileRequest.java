package io.shikong.tiles;

import io.shikong.core.security.Caller;
import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * One tile: the layers (several in one MVT; drawn in order in a raster tile), their style, the matrix set
 * and tile, the format, and the time (the current state, or the city as it stood at {@code asOf}).
 *
 * @param layers    layer names, at least one
 * @param style     style name for raster tiles ({@code null} = each layer's default); ignored by MVT
 * @param matrixSet tile matrix set id or alias
 * @param zoom      the matrix's zoom ({@code z}; for Tianditu's set the level 1–18)
 * @param col       column ({@code x})
 * @param row       row ({@code y}, from the top)
 * @param format    the tile format
 * @param asOf      the instant the tile shows, or {@code null} for the current state
 * @param caller    who asks: restricted layers only for callers who may see them
 */
public record TileRequest(List<String> layers, String style, String matrixSet, int zoom, long col, long row,
                          TileFormat format, Instant asOf, Caller caller) {

    public TileRequest {
        layers = List.copyOf(layers);
        Objects.requireNonNull(matrixSet, "matrixSet");
        Objects.requireNonNull(format, "format");
        Objects.requireNonNull(caller, "caller");
    }
}
