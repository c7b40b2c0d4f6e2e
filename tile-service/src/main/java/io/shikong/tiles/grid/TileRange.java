package io.shikong.tiles.grid;

/** The tiles of one matrix between two columns and two rows, inclusive; empty when {@code min > max}. */
public record TileRange(long minCol, long minRow, long maxCol, long maxRow) {

    /** No tile. */
    public static final TileRange EMPTY = new TileRange(0, 0, -1, -1);

    public boolean isEmpty() {
        return minCol > maxCol || minRow > maxRow;
    }

    /** The number of tiles. */
    public long count() {
        return isEmpty() ? 0 : (maxCol - minCol + 1) * (maxRow - minRow + 1);
    }

    public boolean contains(long col, long row) {
        return col >= minCol && col <= maxCol && row >= minRow && row <= maxRow;
    }
}
