package io.shikong.tiles.mvt;

import io.shikong.core.catalog.AttributeType;
import io.shikong.core.catalog.LayerDefinition;
import io.shikong.core.crs.CrsService;
import io.shikong.core.feature.Feature;
import io.shikong.core.query.Query;
import io.shikong.core.query.TimeSelection;
import io.shikong.core.query.VectorTileQuery;
import io.shikong.core.security.Caller;
import io.shikong.core.store.FeatureCursor;
import io.shikong.core.store.FeatureStore;
import io.shikong.tiles.grid.TileMatrix;
import io.shikong.tiles.grid.TileMatrixSet;
import io.shikong.tiles.grid.TileMatrixSets;
import io.shikong.tiles.grid.TileProjection;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.locationtech.jts.geom.Envelope;
import org.locationtech.jts.geom.Geometry;

/**
 * Mapbox Vector Tiles (MVT 2.1) of one or more layers: one MVT layer per catalog layer, named as the layer,
 * in the order asked; a layer with no feature in the tile is left out, so a tile with nothing is zero bytes
 * (a valid, empty tile).
 *
 * <p>Per layer: the features visible to the caller in the versions {@code time} selects whose bounding box
 * meets the tile grown by the buffer, in id order, at most {@link MvtSettings#limitAt(int)} of them, in
 * tile coordinates ({@code 0..extent}, y down), clipped to the buffered tile, simplified by
 * {@link MvtSettings#simplifyAt(int)} tile units; the layer's attributes (or the settings' selection) as
 * properties. An integer id is the MVT feature id; a text id (every managed layer) is the property
 * {@code id}, the MVT id being an integer.
 *
 * <p>Two encoders give the same features: the store's own ({@link FeatureStore#vectorTileLayers}: one
 * {@code ST_AsMVT} statement per tile on PostGIS, whatever its number of layers), and for a store without one or for the GCJ-02 set
 * (whose offset PostGIS cannot compute) the Java encoder over {@link FeatureStore#read}. Single-layer tiles
 * are concatenated: a tile's layers are a repeated field, so the concatenation is one valid tile.
 */
public final class VectorTiles {

    /** The property a text id is written to (as the PostGIS statement, {@code PostgisVectorTiles.ID_PROPERTY}). */
    public static final String ID_PROPERTY = "id";

    private final FeatureStore store;
    private final CrsService crs;
    /** The sets tiles are cut on (kept for the facade's wiring; a tile names its set itself). */
    private final TileMatrixSets sets;
    private final TileProjection projection;
    private final MvtSettings settings;

    public VectorTiles(FeatureStore store, CrsService crs, TileMatrixSets sets, TileProjection projection,
                       MvtSettings settings) {
        this.store = store;
        this.crs = crs;
        this.sets = sets;
        this.projection = projection;
        this.settings = settings;
    }

    /** The settings tiles are cut with. */
    public MvtSettings settings() {
        return settings;
    }

    /**
     * The tile {@code (col, row)} of matrix {@code m} of {@code set} with one MVT layer per named layer.
     *
     * @throws io.shikong.core.error.LayerNotFoundException when a layer is unknown or the caller may not see it
     * @throws io.shikong.core.error.StoreException when the store fails
     */
    public byte[] encode(List<LayerDefinition> layers, TileMatrixSet set, TileMatrix m, long col, long row,
                         TimeSelection time, Caller caller) {
        Envelope tile = m.tileBounds(col, row);
        if (!set.gcj02()) {
            List<VectorTileQuery> queries = new ArrayList<>(layers.size());
            for (LayerDefinition layer : layers) {
                queries.add(query(layer, set, tile, m.zoom(), time, caller, properties(layer)));
            }
            Optional<byte[]> encoded = store.vectorTileLayers(queries);
            if (encoded.isPresent()) {
                return encoded.get();
            }
        }
        if (layers.size() == 1) {
            return java(layers.get(0), set, tile, m.zoom(), time, caller, properties(layers.get(0)));
        }
        byte[][] parts = new byte[layers.size()][];
        int size = 0;
        for (int i = 0; i < parts.length; i++) {
            parts[i] = java(layers.get(i), set, tile, m.zoom(), time, caller, properties(layers.get(i)));
            size += parts[i].length;
        }
        byte[] out = new byte[size];
        int at = 0;
        for (byte[] p : parts) {
            System.arraycopy(p, 0, out, at, p.length);
            at += p.length;
        }
        return out;
    }

    /** The store's query for one layer of the tile whose bounds (in the set's CRS) are {@code tile}. */
    private VectorTileQuery query(LayerDefinition layer, TileMatrixSet set, Envelope tile, int zoom, TimeSelection time,
                                  Caller caller, List<String> properties) {
        return new VectorTileQuery(layer.name(), caller, tile, set.crs(), settings.extent(), settings.buffer(),
                settings.simplifyAt(zoom), settings.limitAt(zoom), time, properties);
    }

    /** The attributes written, as the PostGIS statement writes them: a text id's name is taken by the id. */
    private List<String> properties(LayerDefinition layer) {
        List<String> names = new ArrayList<>(settings.attributes(layer));
        if (!integerId(layer)) {
            names.remove(ID_PROPERTY);
        }
        return List.copyOf(names);
    }

    private byte[] java(LayerDefinition layer, TileMatrixSet set, Envelope tile, int zoom, TimeSelection time,
                        Caller caller, List<String> properties) {
        JavaLayerEncoder encoder = new JavaLayerEncoder(layer.name(), tile, settings.extent(), settings.buffer(),
                settings.simplifyAt(zoom));
        Envelope buffered = buffered(tile);
        Query query = Query.of(layer.name(), caller)
                .bbox(projection.toStorage(set, buffered), crs.storage())
                .bboxIndexOnly(true)
                .time(time)
                .limit(settings.limitAt(zoom))
                .properties(properties)
                .outputCrs(set.gcj02() ? crs.storage() : set.crs())
                .build();
        boolean integerId = integerId(layer);
        try (FeatureCursor cursor = store.read(query)) {
            while (cursor.hasNext()) {
                Feature f = cursor.next();
                Geometry g = set.gcj02() && f.geometry() != null ? projection.toTiles(set, f.geometry()) : f.geometry();
                Map<String, Object> values = new LinkedHashMap<>();
                if (!integerId) {
                    values.put(ID_PROPERTY, f.id());
                }
                for (String p : properties) {
                    values.put(p, f.get(p));
                }
                encoder.add(g, integerId ? Long.valueOf(f.id()) : null, values);
            }
        }
        return encoder.encode();
    }

    /** The tile grown by the buffer on every side. */
    Envelope buffered(Envelope tile) {
        double dx = tile.getWidth() * settings.buffer() / settings.extent();
        double dy = tile.getHeight() * settings.buffer() / settings.extent();
        return new Envelope(tile.getMinX() - dx, tile.getMaxX() + dx, tile.getMinY() - dy, tile.getMaxY() + dy);
    }

    private static boolean integerId(LayerDefinition layer) {
        return layer.idType() == AttributeType.INTEGER || layer.idType() == AttributeType.LONG;
    }
}
