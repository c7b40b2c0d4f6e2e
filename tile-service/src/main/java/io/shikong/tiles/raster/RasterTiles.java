package io.shikong.tiles.raster;

import io.shikong.core.query.TimeSelection;
import io.shikong.core.security.Caller;
import io.shikong.core.store.FeatureStore;
import io.shikong.styles.encode.ImageEncoder;
import io.shikong.styles.render.LayerPainter;
import io.shikong.styles.render.MapRenderer;
import io.shikong.tiles.TileFormat;
import io.shikong.tiles.grid.TileMatrix;
import io.shikong.tiles.grid.TileMatrixSet;
import io.shikong.tiles.grid.TileProjection;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
import org.locationtech.jts.geom.Envelope;

/**
 * Raster tiles drawn by the styles renderer, a metatile at a time: the tiles of a block of
 * {@code metatile × metatile} (clamped to the matrix) are drawn as one image with a margin (the
 * <em>gutter</em>) of {@code gutter} pixels on every side, then cut. A label or symbol crossing the edge
 * between two tiles of a block is therefore drawn whole on both, and one whose feature lies within the
 * gutter of the next block is drawn there too, so labels are not cut at tile edges (labels wider than
 * twice the gutter may still be cut at block edges).
 *
 * <p>Every tile of the block is encoded and handed to the caller's sink (the cache) before the asked one
 * is returned, so its neighbours are cache hits. Concurrent requests for tiles of one block (same layers,
 * styles, matrix, time and format) share one rendering. Without a sink (no cache) only the asked tile is
 * drawn, with its gutter.
 *
 * <p>Scale: the style rules are evaluated at the matrix's scale denominator in OGC's convention of a
 * 0.28 mm pixel (cell size in metres, or in degrees × 6378137·π/180, divided by 0.00028), the same as WMS
 * GetMap computes for the same extent and size. The Tianditu set ({@code CGCS2000Quad}) publishes
 * denominators for a 96-DPI pixel (about 0.2646 mm); they are not used for rules, which would otherwise
 * switch about 6% earlier on tiles than on WMS maps.
 *
 * <p>Colours: PNG and PNG8 tiles are transparent where nothing is drawn (tiles are overlays); JPEG tiles
 * are flattened onto white.
 *
 * <p>GCJ-02 set: features are read in the storage CRS (for the tile area mapped back to storage) and each
 * geometry is shifted and projected with {@link TileProjection} before it is drawn.
 */
public final class RasterTiles {

    /** OGC's standardized rendering pixel, metres. */
    static final double OGC_PIXEL = 0.00028;
    /** Metres per degree on the equator, the OGC convention for geographic scale denominators. */
    static final double METRES_PER_DEGREE = 6378137 * Math.PI / 180;

    /** One encoded tile of a metatile. */
    public record RenderedTile(long col, long row, byte[] body) {
    }

    private record BlockKey(List<LayerPainter.Layer> layers, String set, int zoom, long col, long row,
                            TimeSelection time, TileFormat format, long generation) {
    }

    private final FeatureStore store;
    private final TileProjection projection;
    private final int metatile;
    private final int gutter;
    private final ConcurrentHashMap<BlockKey, CompletableFuture<List<RenderedTile>>> inFlight = new ConcurrentHashMap<>();

    /**
     * @param metatile tiles per side of a metatile, 1–16
     * @param gutter   pixels drawn around a metatile, 0–512
     */
    public RasterTiles(FeatureStore store, TileProjection projection, int metatile, int gutter) {
        if (metatile < 1 || metatile > 16) {
            throw new IllegalArgumentException("metatile must be 1-16, was " + metatile);
        }
        if (gutter < 0 || gutter > 512) {
            throw new IllegalArgumentException("gutter must be 0-512 pixels, was " + gutter);
        }
        this.store = Objects.requireNonNull(store, "store");
        this.projection = Objects.requireNonNull(projection, "projection");
        this.metatile = metatile;
        this.gutter = gutter;
    }

    /**
     * Where the tiles of a metatile go (the cache), and where a request that waited for another's rendering,
     * or found it just finished, looks for its tile.
     */
    public interface TileSink {

        /** The tile if it is stored, else {@code null}. */
        byte[] stored(long col, long row);

        /** Stores every tile of a metatile just drawn. */
        void store(List<RenderedTile> tiles);
    }

    /**
     * The tile {@code col, row} of matrix {@code m} (checked to be in the matrix by the caller).
     *
     * @param layers the layers with their styles, drawn in order (already checked visible to {@code caller})
     * @param format PNG, PNG8 or JPEG
     * @param generation the state of the data the caller knows of (the cache's
     *                   {@link io.shikong.tiles.cache.TileCache#generation generation}, taken before this call):
     *                   a request joins another's rendering only when they know the same state, so no tile
     *                   read before a change is handed to a request made after it
     * @param sink   receives every tile of the metatile before the asked one is returned (the cache), or
     *               {@code null} to draw the asked tile alone
     * @return the encoded tile
     */
    public byte[] tile(List<LayerPainter.Layer> layers, TileMatrixSet set, TileMatrix m, long col, long row,
                       TileFormat format, TimeSelection time, Caller caller, long generation, TileSink sink) {
        if (format.vector()) {
            throw new IllegalArgumentException("raster tiles are PNG, PNG8 or JPEG, not " + format);
        }
        if (sink == null) {
            return render(layers, set, m, col, row, 1, 1, format, time, caller, col, row).get(0).body();
        }
        long blockCol = col / metatile * metatile;
        long blockRow = row / metatile * metatile;
        BlockKey key = new BlockKey(List.copyOf(layers), set.id(), m.zoom(), blockCol, blockRow, time, format, generation);
        while (true) {
            CompletableFuture<List<RenderedTile>> mine = new CompletableFuture<>();
            CompletableFuture<List<RenderedTile>> running = inFlight.putIfAbsent(key, mine);
            if (running != null) {
                byte[] body = find(await(running), col, row);
                if (body == null) {
                    body = sink.stored(col, row);
                }
                if (body != null) {
                    return body;
                }
                continue; // that rendering's tiles were not kept (an invalidation raced with it): draw again
            }
            try {
                // a rendering may have finished between the caller's cache miss and now
                byte[] stored = sink.stored(col, row);
                if (stored != null) {
                    mine.complete(List.of());
                    return stored;
                }
                int cols = (int) Math.min(metatile, m.matrixWidth() - blockCol);
                int rows = (int) Math.min(metatile, m.matrixHeight() - blockRow);
                List<RenderedTile> tiles = render(layers, set, m, blockCol, blockRow, cols, rows, format, time, caller, -1, -1);
                sink.store(tiles);
                mine.complete(tiles);
                return find(tiles, col, row);
            } catch (RuntimeException | Error e) {
                mine.completeExceptionally(e);
                throw e;
            } finally {
                inFlight.remove(key, mine);
            }
        }
    }

    /** The scale denominator style rules see on the matrix's tiles (OGC's 0.28 mm pixel). */
    public static double scaleDenominator(TileMatrixSet set, TileMatrix m) {
        double metres = set.crs().geographic() ? m.cellSize() * METRES_PER_DEGREE : m.cellSize();
        return metres / OGC_PIXEL;
    }

    /**
     * Draws {@code cols × rows} tiles from {@code (col0, row0)} with the gutter and encodes them (only
     * {@code onlyCol, onlyRow} when not -1).
     */
    private List<RenderedTile> render(List<LayerPainter.Layer> layers, TileMatrixSet set, TileMatrix m, long col0,
                                      long row0, int cols, int rows, TileFormat format, TimeSelection time, Caller caller,
                                      long onlyCol, long onlyRow) {
        int tw = m.tileWidth();
        int th = m.tileHeight();
        Envelope first = m.tileBounds(col0, row0);
        Envelope last = m.tileBounds(col0 + cols - 1, row0 + rows - 1);
        double margin = gutter * m.cellSize();
        Envelope area = new Envelope(first.getMinX() - margin, last.getMaxX() + margin, last.getMinY() - margin,
                first.getMaxY() + margin);
        int width = cols * tw + 2 * gutter;
        int height = rows * th + 2 * gutter;
        MapRenderer renderer = new MapRenderer(width, height, area, true, null);
        LayerPainter painter = new LayerPainter(store, caller);
        double scale = scaleDenominator(set, m);
        if (set.gcj02()) {
            painter.paint(renderer, layers, projection.toStorage(set, area), null, time, scale,
                    g -> projection.toTiles(set, g));
        } else {
            painter.paint(renderer, layers, area, projection.readCrs(set), time, scale);
        }
        BufferedImage image = renderer.finish();
        List<RenderedTile> out = new ArrayList<>(cols * rows);
        for (int j = 0; j < rows; j++) {
            for (int i = 0; i < cols; i++) {
                long c = col0 + i;
                long r = row0 + j;
                if (onlyCol >= 0 && (c != onlyCol || r != onlyRow)) {
                    continue;
                }
                out.add(new RenderedTile(c, r, encode(cut(image, gutter + i * tw, gutter + j * th, tw, th), format)));
            }
        }
        return out;
    }

    private static BufferedImage cut(BufferedImage image, int x, int y, int w, int h) {
        BufferedImage tile = new BufferedImage(w, h, BufferedImage.TYPE_INT_ARGB);
        Graphics2D g = tile.createGraphics();
        g.drawImage(image.getSubimage(x, y, w, h), 0, 0, null);
        g.dispose();
        return tile;
    }

    private static byte[] encode(BufferedImage tile, TileFormat format) {
        ImageEncoder.Format f = switch (format) {
            case PNG -> ImageEncoder.Format.PNG;
            case PNG8 -> ImageEncoder.Format.PNG8;
            case JPEG -> ImageEncoder.Format.JPEG;
            case MVT -> throw new IllegalArgumentException("MVT is no image");
        };
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            ImageEncoder.write(tile, f, Color.WHITE, out);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    /** The tile's body among those of a metatile, {@code null} when absent. */
    private static byte[] find(List<RenderedTile> tiles, long col, long row) {
        for (RenderedTile t : tiles) {
            if (t.col() == col && t.row() == row) {
                return t.body();
            }
        }
        return null;
    }

    private static List<RenderedTile> await(CompletableFuture<List<RenderedTile>> running) {
        try {
            return running.join();
        } catch (CompletionException e) {
            if (e.getCause() instanceof RuntimeException r) {
                throw r;
            }
            if (e.getCause() instanceof Error err) {
                throw err;
            }
            throw e;
        }
    }
}
