package io.shikong.tiles.grid;

import io.shikong.core.crs.Crs;
import java.util.List;
import java.util.Optional;

/**
 * A tile matrix set: a CRS and its matrices, top-left origin.
 *
 * @param id                identifier in URLs and WMTS ({@code WebMercatorQuad}, {@code WorldCRS84Quad},
 *                          {@code CGCS2000Quad}, {@code WebMercatorQuadGCJ02})
 * @param title             human title, Chinese and English
 * @param uri               the OGC registered URI of the set, or {@code null} for our own sets
 * @param crs               the CRS of tile bounds (for the GCJ-02 variant: EPSG:3857, the coordinates being
 *                          GCJ-02 longitudes and latitudes projected)
 * @param wellKnownScaleSet WMTS WellKnownScaleSet URN, or {@code null}
 * @param matrices          matrices, coarsest first
 * @param gcj02             true when features are shifted to GCJ-02 before projection (overlay on Amap or
 *                          Tencent base maps; not an EPSG CRS)
 */
public record TileMatrixSet(String id, String title, String uri, Crs crs, String wellKnownScaleSet,
                            List<TileMatrix> matrices, boolean gcj02) {

    public TileMatrixSet {
        matrices = List.copyOf(matrices);
    }

    /** The matrix with this zoom, if the set has it. */
    public Optional<TileMatrix> matrix(int zoom) {
        for (TileMatrix m : matrices) {
            if (m.zoom() == zoom) {
                return Optional.of(m);
            }
        }
        return Optional.empty();
    }

    /** The matrix with this identifier (WMTS TileMatrix), if the set has it. */
    public Optional<TileMatrix> matrix(String matrixId) {
        for (TileMatrix m : matrices) {
            if (m.id().equals(matrixId)) {
                return Optional.of(m);
            }
        }
        return Optional.empty();
    }

    public int minZoom() {
        return matrices.get(0).zoom();
    }

    public int maxZoom() {
        return matrices.get(matrices.size() - 1).zoom();
    }

    /**
     * The axis order of the CRS as OGC's definition gives it: true for EPSG:4490 and EPSG:4326 (latitude
     * first, so a WMTS TopLeftCorner is "90 -180"), false for EPSG:3857 and CRS84.
     */
    public boolean northingFirst() {
        return crs.northingFirst();
    }
}
