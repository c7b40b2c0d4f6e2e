package io.shikong.tiles;

import io.shikong.core.catalog.LayerDefinition;
import io.shikong.core.feature.Change;
import io.shikong.core.feature.Feature;
import io.shikong.core.feature.WriteResult;
import io.shikong.core.query.Query;
import io.shikong.core.query.VectorTileQuery;
import io.shikong.core.security.Caller;
import io.shikong.core.store.ChangeEvent;
import io.shikong.core.store.FeatureCursor;
import io.shikong.core.store.FeatureStore;
import io.shikong.core.store.LoadOptions;
import io.shikong.core.store.LoadResult;
import io.shikong.core.store.StoreCapabilities;
import io.shikong.core.store.TimeExtent;
import java.util.Iterator;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import org.locationtech.jts.geom.Envelope;

/** A store that counts the reads it passes on (to see how often tiles are drawn). */
final class CountingStore implements FeatureStore {

    final AtomicInteger reads = new AtomicInteger();
    private final FeatureStore store;

    CountingStore(FeatureStore store) {
        this.store = store;
    }

    @Override
    public FeatureCursor read(Query query) {
        reads.incrementAndGet();
        return store.read(query);
    }

    @Override
    public String kind() {
        return store.kind();
    }

    @Override
    public StoreCapabilities capabilities() {
        return store.capabilities();
    }

    @Override
    public void initialize() {
        store.initialize();
    }

    @Override
    public LayerDefinition schema(String layer, Caller caller) {
        return store.schema(layer, caller);
    }

    @Override
    public Optional<Envelope> bounds(String layer, Caller caller) {
        return store.bounds(layer, caller);
    }

    @Override
    public Optional<TimeExtent> timeExtent(String layer, Caller caller) {
        return store.timeExtent(layer, caller);
    }

    @Override
    public long count(Query query) {
        return store.count(query);
    }

    @Override
    public FeatureCursor history(String layer, String id, Caller caller) {
        return store.history(layer, id, caller);
    }

    @Override
    public WriteResult write(String layer, List<Change> changes, Caller caller) {
        return store.write(layer, changes, caller);
    }

    @Override
    public long bulkLoad(String layer, Iterator<Feature> versions, Caller caller) {
        return store.bulkLoad(layer, versions, caller);
    }

    @Override
    public LoadResult merge(String layer, Iterator<Feature> incoming, LoadOptions options, Caller caller) {
        return store.merge(layer, incoming, options, caller);
    }

    @Override
    public void addChangeListener(Consumer<ChangeEvent> listener) {
        store.addChangeListener(listener);
    }

    @Override
    public Optional<List<ChangeEvent>> changesSince(long sequence) {
        return store.changesSince(sequence);
    }

    @Override
    public long lastChangeSequence() {
        return store.lastChangeSequence();
    }

    @Override
    public Optional<byte[]> vectorTile(VectorTileQuery query) {
        return store.vectorTile(query);
    }

    @Override
    public Optional<byte[]> vectorTileLayers(List<VectorTileQuery> layers) {
        return store.vectorTileLayers(layers);
    }

    @Override
    public void close() {
        store.close();
    }
}
