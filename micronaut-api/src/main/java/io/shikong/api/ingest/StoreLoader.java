package io.shikong.api.ingest;

import io.shikong.core.catalog.LayerDefinition;
import io.shikong.core.feature.Feature;
import io.shikong.core.security.Caller;
import io.shikong.core.store.FeatureStore;
import io.shikong.core.store.LoadOptions;
import io.shikong.core.store.LoadResult;
import io.shikong.ingest.LoadCounts;
import io.shikong.ingest.Loader;
import java.time.Instant;
import java.util.Iterator;

/**
 * The pipeline's {@link Loader} on a store: one {@link FeatureStore#merge} per load (PostGIS: binary COPY
 * into a staging table and one set-based merge; embedded: the generic path), all or nothing, as
 * {@code caller}.
 */
public final class StoreLoader implements Loader {

    private final FeatureStore store;
    private final Caller caller;

    /**
     * @param store  the store to load into
     * @param caller who loads (the store checks it may write the layer)
     */
    public StoreLoader(FeatureStore store, Caller caller) {
        this.store = store;
        this.caller = caller;
    }

    @Override
    public LoadCounts load(LayerDefinition layer, Iterator<Feature> features, boolean snapshot, Instant validFrom,
                           boolean dryRun, String keyDescription) {
        LoadResult r = store.merge(layer.name(), features, new LoadOptions(snapshot, validFrom, dryRun), caller);
        return new LoadCounts(r.inserted(), r.changed(), r.unchanged(), r.closed());
    }
}
