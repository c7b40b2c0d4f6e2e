package io.shikong.tiles;

import io.shikong.tiles.mvt.MvtSettings;
import java.nio.file.Path;
import java.util.Objects;

/**
 * How tiles are made and kept (the {@code shikong.tiles.*} keys).
 *
 * @param cacheDir  the tile cache's directory, or {@code null} for no cache
 * @param metatile  tiles per side of a raster metatile, 1–16 (4: 16 tiles drawn at once)
 * @param gutter    pixels drawn around a raster metatile, 0–512, so labels and symbols of features just
 *                  outside it are drawn on its tiles too (64)
 * @param maxLayers most layers in one tile request, at least 1 (16)
 * @param mvt       vector tile settings
 */
public record TileSettings(Path cacheDir, int metatile, int gutter, int maxLayers, MvtSettings mvt) {

    public TileSettings {
        if (metatile < 1 || metatile > 16) {
            throw new IllegalArgumentException("metatile must be 1-16, was " + metatile);
        }
        if (gutter < 0 || gutter > 512) {
            throw new IllegalArgumentException("gutter must be 0-512 pixels, was " + gutter);
        }
        if (maxLayers < 1) {
            throw new IllegalArgumentException("maxLayers must be at least 1, was " + maxLayers);
        }
        Objects.requireNonNull(mvt, "mvt");
    }

    /** No cache, 4×4 metatiles with a 64-pixel gutter, at most 16 layers, {@link MvtSettings#defaults()}. */
    public static TileSettings defaults() {
        return new TileSettings(null, 4, 64, 16, MvtSettings.defaults());
    }

    /** These settings with a cache in {@code dir} ({@code null} for none). */
    public TileSettings withCacheDir(Path dir) {
        return new TileSettings(dir, metatile, gutter, maxLayers, mvt);
    }

    /** The MVT buffer in pixels of a 256-pixel tile (rounded up): how far a vector tile reaches beyond its bounds. */
    public int mvtBufferPixels() {
        return (int) Math.ceil(mvt.buffer() * 256.0 / mvt.extent());
    }
}
