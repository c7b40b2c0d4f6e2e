package io.shikong.tiles.grid;

import org.locationtech.jts.geom.Envelope;

/**
 * One tile matrix (zoom level) of a set, with its origin at the top-left corner.
 *
 * @param id               identifier as clients use it ({@code "0"} … for OGC sets, {@code "1"} … for Tianditu)
 * @param zoom             the number used in XYZ paths ({@code z}); equals {@code id} read as a number
 * @param scaleDenominator scale denominator for the set's pixel size
 * @param cellSize         size of a pixel in CRS units
 * @param originX          left edge (easting or longitude)
 * @param originY          top edge (northing or latitude)
 * @param tileWidth        pixels per tile across
 * @param tileHeight       pixels per tile down
 * @param matrixWidth      tiles across
 * @param matrixHeight     tiles down
 */
public record TileMatrix(String id, int zoom, double scaleDenominator, double cellSize, double originX, double originY,
                         int tileWidth, int tileHeight, long matrixWidth, long matrixHeight) {

    /** Width of one tile in CRS units. */
    public double tileSpanX() {
        return cellSize * tileWidth;
    }

    /** Height of one tile in CRS units. */
    public double tileSpanY() {
        return cellSize * tileHeight;
    }

    /** True when the column and row are inside the matrix. */
    public boolean contains(long col, long row) {
        return col >= 0 && row >= 0 && col < matrixWidth && row < matrixHeight;
    }

    /** The bounds of one tile in the set's CRS (x = easting or longitude). */
    public Envelope tileBounds(long col, long row) {
        double minX = originX + col * tileSpanX();
        double maxY = originY - row * tileSpanY();
        return new Envelope(minX, originX + (col + 1) * tileSpanX(), originY - (row + 1) * tileSpanY(), maxY);
    }

    /** The bounds of the whole matrix. */
    public Envelope bounds() {
        return new Envelope(originX, originX + matrixWidth * tileSpanX(), originY - matrixHeight * tileSpanY(), originY);
    }

    /**
     * The tiles an area touches (the area in the set's CRS), clamped to the matrix; a tile whose edge only
     * touches the area is not included.
     */
    public TileRange range(Envelope area) {
        if (area == null || area.isNull() || !area.intersects(bounds())) {
            return TileRange.EMPTY;
        }
        long minCol = clamp((long) Math.floor((area.getMinX() - originX) / tileSpanX()), matrixWidth);
        long maxCol = clamp((long) Math.ceil((area.getMaxX() - originX) / tileSpanX()) - 1, matrixWidth);
        long minRow = clamp((long) Math.floor((originY - area.getMaxY()) / tileSpanY()), matrixHeight);
        long maxRow = clamp((long) Math.ceil((originY - area.getMinY()) / tileSpanY()) - 1, matrixHeight);
        // a degenerate area (a point on a tile edge) still touches the tile it lies in
        maxCol = Math.max(maxCol, minCol);
        maxRow = Math.max(maxRow, minRow);
        return new TileRange(minCol, minRow, maxCol, maxRow);
    }

    private static long clamp(long v, long size) {
        return Math.max(0, Math.min(size - 1, v));
    }
}
