package io.shikong.tiles;

import io.shikong.core.catalog.LayerCatalog;
import io.shikong.core.catalog.LayerDefinition;
import io.shikong.core.crs.CrsService;
import io.shikong.core.error.InvalidParameterException;
import io.shikong.core.query.TimeSelection;
import io.shikong.core.store.FeatureStore;
import io.shikong.styles.render.LayerPainter;
import io.shikong.styles.sld.LayerStyles;
import io.shikong.tiles.cache.TileCache;
import io.shikong.tiles.cache.TileKey;
import io.shikong.tiles.grid.TileMatrix;
import io.shikong.tiles.grid.TileMatrixSet;
import io.shikong.tiles.grid.TileMatrixSets;
import io.shikong.tiles.grid.TileProjection;
import io.shikong.tiles.mvt.VectorTiles;
import io.shikong.tiles.raster.RasterTiles;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * The tiles: one call per tile, whatever the protocol (XYZ, WMTS, seeding). A request is checked first, in
 * this order, and a refused one caches nothing:
 * <ol>
 *   <li>the matrix set: unknown → {@link InvalidParameterException} on {@code tileMatrixSet};</li>
 *   <li>the layers: none, more than {@link TileSettings#maxLayers()} or a name twice → {@link
 *       InvalidParameterException} on {@code layers}; unknown, or restricted and not visible to the caller →
 *       {@link io.shikong.core.error.LayerNotFoundException} (the same answer, so restricted layers do not
 *       reveal themselves);</li>
 *   <li>the style (raster tiles): the layers' default styles ({@code null}, empty, {@code default}, or the
 *       layer's name for one layer) or {@link InvalidParameterException} on {@code style};</li>
 *   <li>the tile: a zoom the set does not have, or a column or row outside the matrix →
 *       {@link TileOutOfRangeException} ({@code TileMatrix}, {@code TileCol}, {@code TileRow}).</li>
 * </ol>
 * Then the cache is looked up (after the visibility check: tiles of restricted layers are cached but only
 * served to callers who may see them); a miss is drawn ({@link RasterTiles}, by metatile) or encoded
 * ({@link VectorTiles}) and stored unless an invalidation of one of its layers raced with it (a vector tile
 * after the answer, {@link TileCache#putLater}; raster tiles of a metatile at once). The ETag is a
 * strong validator: a hash of the body, quoted.
 */
public final class TileService {

    private final LayerCatalog catalog;
    private final TileMatrixSets sets;
    private final LayerStyles styles;
    private final VectorTiles mvt;
    private final RasterTiles raster;
    private final TileCache cache;
    private final TileSettings settings;

    /**
     * @param cache the tile cache, or {@code null} for none
     */
    public TileService(FeatureStore store, LayerCatalog catalog, CrsService crs, TileMatrixSets sets, LayerStyles styles,
                       VectorTiles mvt, TileCache cache, TileSettings settings) {
        this.catalog = Objects.requireNonNull(catalog, "catalog");
        this.sets = Objects.requireNonNull(sets, "sets");
        this.styles = Objects.requireNonNull(styles, "styles");
        this.mvt = Objects.requireNonNull(mvt, "mvt");
        this.cache = cache;
        this.settings = Objects.requireNonNull(settings, "settings");
        this.raster = new RasterTiles(store, new TileProjection(crs), settings.metatile(), settings.gutter());
    }

    /** The matrix sets served. */
    public TileMatrixSets sets() {
        return sets;
    }

    /** Writes the vector tiles still waiting for the cache's writer (on shutdown). */
    public void close() {
        if (cache != null) {
            cache.close();
        }
    }

    /** The cache, if there is one. */
    public Optional<TileCache> cache() {
        return Optional.ofNullable(cache);
    }

    /**
     * One tile, checked as the class comment says, from the cache or drawn.
     *
     * @throws InvalidParameterException       bad matrix set, layers or style
     * @throws io.shikong.core.error.LayerNotFoundException an unknown layer or one the caller may not see
     * @throws TileOutOfRangeException         a tile outside the matrix set
     */
    public Tile tile(TileRequest r) {
        return tile(r, false, null);
    }

    /**
     * One tile as {@link #tile(TileRequest)}, but a vector tile drawn is handed to the cache's writer only when
     * the task given to {@code afterAnswer} runs ({@link TileCache#hold}): a server runs it once the answer is
     * written, so that the write does not take a core from the answer. Until then the tile is served from
     * memory; {@code afterAnswer} is not called for a cached tile, a raster tile or without a cache.
     */
    public Tile tile(TileRequest r, Consumer<Runnable> afterAnswer) {
        return tile(r, false, Objects.requireNonNull(afterAnswer, "afterAnswer"));
    }

    /**
     * A tile for a seeding job: as {@link #tile(TileRequest)}, but a vector tile drawn is on disk when this
     * returns (a tile answered to a client is written after the answer, see {@link TileCache#putLater}).
     */
    public Tile seed(TileRequest r) {
        return tile(r, true, null);
    }

    private Tile tile(TileRequest r, boolean writeNow, Consumer<Runnable> afterAnswer) {
        TileMatrixSet set = sets.get(r.matrixSet());
        List<LayerDefinition> layers = layers(r);
        String style = style(r, layers);
        TileMatrix m = matrix(set, r);
        TileKey key = new TileKey(r.layers(), style, set.id(), m.zoom(), r.col(), r.row(), TileKey.timeKey(r.asOf()),
                r.format());
        if (cache != null) {
            Optional<byte[]> hit = cache.get(key);
            if (hit.isPresent()) {
                return new Tile(hit.get(), r.format().mediaType, etag(hit.get()), true);
            }
        }
        long generation = cache == null ? 0 : cache.generation(r.layers());
        TimeSelection time = r.asOf() == null ? TimeSelection.CURRENT : TimeSelection.asOf(r.asOf());
        byte[] body;
        if (r.format().vector()) {
            body = mvt.encode(layers, set, m, r.col(), r.row(), time, r.caller());
            if (cache != null && writeNow) {
                cache.put(key, body, generation);
            } else if (cache != null && afterAnswer != null) {
                afterAnswer.accept(cache.hold(key, body, generation)); // handed to the writer after the answer
            } else if (cache != null) {
                cache.putLater(key, body, generation); // written after the answer, served from memory meanwhile
            }
        } else {
            List<LayerPainter.Layer> painted = new ArrayList<>();
            for (LayerDefinition l : layers) {
                painted.add(new LayerPainter.Layer(l, styles.defaultStyle(l), null));
            }
            body = raster.tile(painted, set, m, r.col(), r.row(), r.format(), time, r.caller(), generation,
                    cache == null ? null
                    : new RasterTiles.TileSink() {
                        @Override
                        public byte[] stored(long col, long row) {
                            return cache.get(key.at(col, row)).orElse(null);
                        }

                        @Override
                        public void store(List<RasterTiles.RenderedTile> tiles) {
                            tiles.forEach(t -> cache.put(key.at(t.col(), t.row()), t.body(), generation));
                        }
                    });
        }
        return new Tile(body, r.format().mediaType, etag(body), false);
    }

    /** A strong ETag of a body: its SHA-256, 128 bits in hex, quoted. */
    public static String etag(byte[] body) {
        MessageDigest sha = SHA_256.get();
        sha.reset();
        byte[] hash = sha.digest(body);
        return '"' + HexFormat.of().formatHex(hash, 0, 16) + '"';
    }

    /** A digest per thread: {@code MessageDigest.getInstance} looks the provider up on every call. */
    private static final ThreadLocal<MessageDigest> SHA_256 = ThreadLocal.withInitial(() -> {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JDK", e);
        }
    });

    private List<LayerDefinition> layers(TileRequest r) {
        if (r.layers().isEmpty()) {
            throw new InvalidParameterException("layers", "至少需要一个图层 at least one layer is needed");
        }
        if (r.layers().size() > settings.maxLayers()) {
            throw new InvalidParameterException("layers", "图层过多 too many layers: " + r.layers().size()
                    + " (at most " + settings.maxLayers() + ")");
        }
        if (new HashSet<>(r.layers()).size() != r.layers().size()) {
            throw new InvalidParameterException("layers", "图层重复 a layer is named twice: " + String.join(",", r.layers()));
        }
        List<LayerDefinition> out = new ArrayList<>();
        for (String name : r.layers()) {
            out.add(catalog.layer(name, r.caller()));
        }
        return out;
    }

    /** The cache's style name: {@code default} for the layers' default styles, the only ones tiles have. */
    private static String style(TileRequest r, List<LayerDefinition> layers) {
        String s = r.style();
        if (r.format().vector() || s == null || s.isBlank() || s.equalsIgnoreCase("default")
                || (layers.size() == 1 && s.equals(layers.get(0).name()))) {
            return "default";
        }
        throw new InvalidParameterException("style", "未知的样式 unknown style '" + s + "': tiles are drawn with the layers' default styles ('default')");
    }

    private static TileMatrix matrix(TileMatrixSet set, TileRequest r) {
        TileMatrix m = set.matrix(r.zoom()).orElseThrow(() -> new TileOutOfRangeException("TileMatrix",
                "瓦片矩阵集 " + set.id() + " 没有层级 has no zoom " + r.zoom() + " (" + set.minZoom() + "–" + set.maxZoom() + ")"));
        if (r.col() < 0 || r.col() >= m.matrixWidth()) {
            throw new TileOutOfRangeException("TileCol", "列超出范围 column " + r.col() + " is outside 0–"
                    + (m.matrixWidth() - 1) + " of zoom " + r.zoom());
        }
        if (r.row() < 0 || r.row() >= m.matrixHeight()) {
            throw new TileOutOfRangeException("TileRow", "行超出范围 row " + r.row() + " is outside 0–"
                    + (m.matrixHeight() - 1) + " of zoom " + r.zoom());
        }
        return m;
    }
}
