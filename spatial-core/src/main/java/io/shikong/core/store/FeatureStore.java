package io.shikong.core.store;

import io.shikong.core.catalog.LayerDefinition;
import io.shikong.core.feature.Change;
import io.shikong.core.feature.Feature;
import io.shikong.core.feature.WriteResult;
import io.shikong.core.query.Query;
import io.shikong.core.security.Caller;
import java.util.Iterator;
import java.util.List;
import java.util.Optional;
import org.locationtech.jts.geom.Envelope;

/**
 * Where features live: the store SPI, GeoTools' {@code DataStore} shape made narrower. One store
 * serves every layer of a catalog. Every call takes the caller; a layer the caller may not see fails
 * exactly like an unknown layer ({@link io.shikong.core.error.LayerNotFoundException}).
 *
 * <p>Errors: bad queries (unknown property, unsupported operator, unconvertible literal, invalid
 * geometry) throw {@link io.shikong.core.error.InvalidParameterException} before any SQL runs; a
 * failed write throws and leaves the data as it was; database failures throw
 * {@link io.shikong.core.error.StoreException} with the cause.
 */
public interface FeatureStore extends AutoCloseable {

    /** A short name for logs and health: {@code postgis} or {@code embedded}. */
    String kind();

    /** What this store pushes down. */
    StoreCapabilities capabilities();

    /**
     * Makes every layer of the catalog ready: creates the tables and indexes of managed layers when
     * missing (idempotent) and checks that published tables exist with the configured columns.
     *
     * @throws io.shikong.core.catalog.CatalogConfigurationException naming the layer when a published
     *                                                               table or column is missing
     */
    void initialize();

    /** The schema of a layer. */
    LayerDefinition schema(String layer, Caller caller);

    /** The bounding box of the current features in the storage CRS; empty when there are none. */
    Optional<Envelope> bounds(String layer, Caller caller);

    /** The valid-time extent of a layer; empty for layers without time or without features. */
    Optional<TimeExtent> timeExtent(String layer, Caller caller);

    /** The number of features the query matches, ignoring its offset and limit. */
    long count(Query query);

    /** The features the query matches, streamed, in a stable order. Close the cursor. */
    FeatureCursor read(Query query);

    /** Every version of one feature, oldest first; empty when the id never existed. Close the cursor. */
    FeatureCursor history(String layer, String id, Caller caller);

    /**
     * Applies changes in one transaction, all or none, at one instant. Geometries must be in the
     * storage CRS.
     *
     * @throws io.shikong.core.error.AccessDeniedException     when the caller may not write the layer
     * @throws io.shikong.core.error.FeatureNotFoundException  updating or deleting a feature that is not current
     * @throws io.shikong.core.error.ConflictException         inserting an id that is current
     * @throws io.shikong.core.error.InvalidParameterException bad geometry, type or property
     */
    WriteResult write(String layer, List<Change> changes, Caller caller);

    /**
     * Loads feature versions as they are (with their own valid times and versions, for loaders and
     * sample data) in one transaction, by the fastest path the database has (COPY for PostGIS).
     * Validates like {@link #write}; nothing is kept when any row fails.
     *
     * @return the number of rows loaded
     */
    long bulkLoad(String layer, Iterator<Feature> versions, Caller caller);

    /**
     * Loads a dataset into a managed layer by feature key, keeping every change as a version: the way data
     * stewards update a layer from a department's file. Each incoming feature carries its stable id
     * ({@link Feature#id()}), its attributes typed per the catalog and its geometry in the storage CRS; its
     * valid time and version are ignored. With {@code t} = {@link LoadOptions#validFrom()} (now when null):
     * <ul>
     *   <li>an id without a current version is <em>inserted</em>: version 1 from {@code t}, or the next
     *       version after a closed history;</li>
     *   <li>a current feature whose attributes or geometry differ is <em>changed</em>: its version closed at
     *       {@code t} and the next version opened from {@code t}. Values compare as stored ({@code IS DISTINCT
     *       FROM}: nulls equal each other); geometries compare exactly after normalization (same vertices, with
     *       ring starts, ring orientation and part order normalized: {@code ST_OrderingEquals} of
     *       {@code ST_Normalize}), so a file written back by another tool is not a change;</li>
     *   <li>a current feature loaded as it is is <em>unchanged</em>: nothing is written;</li>
     *   <li>with {@link LoadOptions#snapshot()}, a current feature absent from the input is <em>closed</em> at
     *       {@code t} (an empty snapshot closes the whole layer).</li>
     * </ul>
     * History stays consistent: a load whose {@code t} is not after the {@code valid_from} of a current
     * version it would close, or before the end of the closed history of an id it re-inserts, is refused
     * with an {@link io.shikong.core.error.InvalidParameterException} naming the feature and both instants;
     * no version of zero length or overlapping another is ever made.
     *
     * <p>All or nothing: the load runs in one transaction, and any failure (an invalid feature, a duplicate
     * id, a refused date, the process killed midway) leaves the layer as it was. Every feature is validated
     * like {@link #write} (schema, types, required values, geometry type and validity) before anything is
     * written. Two loads into one layer at once are serialized, never interleaved; on PostGIS also across
     * processes, and ordinary writes wait for a load to commit. One committed load that changed something is
     * one {@link ChangeEvent} with the boxes of every version it closed or opened and {@code validFrom = t};
     * a load that changed nothing, and a dry run, tell nothing.
     *
     * <p>Stores that cannot merge throw {@link UnsupportedOperationException}; the JDBC stores can.
     *
     * @param layer    a managed layer
     * @param incoming the features, each id at most once, streamed (the store never holds them all)
     * @param options  snapshot, valid-from instant and dry run
     * @param caller   who loads: must be allowed to write the layer
     * @return the counts, computed whether or not the load was dry
     * @throws io.shikong.core.error.LayerNotFoundException    when the caller cannot see the layer
     * @throws io.shikong.core.error.AccessDeniedException     when the caller may not write the layer, or the
     *                                                         layer is a published table (read-only), before
     *                                                         any work
     * @throws io.shikong.core.error.InvalidParameterException an invalid feature, a duplicate id (named), or
     *                                                         a valid-from instant the history refuses
     */
    default LoadResult merge(String layer, Iterator<Feature> incoming, LoadOptions options, Caller caller) {
        throw new UnsupportedOperationException("the " + kind() + " store cannot merge loads");
    }

    /**
     * Registers a listener told of every committed change to a layer: writes and bulk loads through this
     * store on the writing thread (after the commit), and, on a store with a shared change log (PostGIS),
     * from {@link #initialize()} on, those of other processes on the same database as they arrive
     * ({@link ChangeEvent#remote()}, on the store's change-feed thread; after a lost connection the feed
     * catches up from the log). Listeners may be called from several threads at once and should return
     * quickly. In-memory indexes (the red-line index) and tile caches follow the data with it.
     */
    void addChangeListener(java.util.function.Consumer<ChangeEvent> listener);

    /**
     * The changes committed after {@code sequence}, oldest first, for a node catching up after it was down;
     * empty when the change log no longer reaches back that far (the caller then drops what it holds).
     */
    default Optional<List<ChangeEvent>> changesSince(long sequence) {
        return Optional.empty();
    }

    /** The sequence of the newest change in the change log, {@code 0} when there is none. */
    default long lastChangeSequence() {
        return 0;
    }

    /**
     * One layer of a vector tile encoded by the database ({@code ST_AsMVT}), or empty when this store has
     * no encoder of its own (the tile service then encodes the features it reads).
     */
    default Optional<byte[]> vectorTile(io.shikong.core.query.VectorTileQuery query) {
        return Optional.empty();
    }

    /**
     * A vector tile of several layers encoded by the database: one query per layer, all of the same tile, in
     * the order of the tile's MVT layers; empty when this store has no encoder of its own. A store that can
     * encode them in one statement overrides this (PostGIS: one {@code ST_AsMVT} statement per tile); by
     * default each layer is encoded by {@link #vectorTile(io.shikong.core.query.VectorTileQuery)} and the
     * layers concatenated (a tile's layers are a repeated field, so the concatenation is one valid tile).
     */
    default Optional<byte[]> vectorTileLayers(List<io.shikong.core.query.VectorTileQuery> layers) {
        byte[][] parts = new byte[layers.size()][];
        int size = 0;
        for (int i = 0; i < parts.length; i++) {
            Optional<byte[]> part = vectorTile(layers.get(i));
            if (part.isEmpty()) {
                return Optional.empty();
            }
            parts[i] = part.get();
            size += parts[i].length;
        }
        byte[] out = new byte[size];
        int at = 0;
        for (byte[] p : parts) {
            System.arraycopy(p, 0, out, at, p.length);
            at += p.length;
        }
        return Optional.of(out);
    }

    /** Releases the connection pool. */
    @Override
    void close();
}
