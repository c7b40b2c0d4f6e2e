package io.shikong.ingest;

import io.shikong.core.catalog.LayerDefinition;
import io.shikong.core.feature.Feature;
import io.shikong.core.security.Caller;
import io.shikong.core.store.FeatureStore;
import io.shikong.core.store.LoadOptions;
import io.shikong.core.store.LoadResult;
import java.util.Iterator;

/**
 * Where validated features go: the store's merge of a load into the versions of a layer
 * ({@link FeatureStore#merge}, see {@link #of}), or an in-memory loader in tests. The features come one
 * at a time from the pipeline's spool, each with its feature id, attributes typed per the layer,
 * geometry valid and in the layer's storage CRS, ids unique.
 *
 * <p>The loader is all-or-nothing: it applies the whole iterator in one transaction or nothing, and it
 * may refuse the load with a {@link io.shikong.core.error.ShikongException} (for instance a valid-from
 * earlier than a changed feature's current version, or a caller who may not write the layer), which
 * the pipeline reports as the load's failure.
 */
@FunctionalInterface
public interface Loader {

    /**
     * @param layer    the target layer
     * @param features the features, consumed once
     * @param options  snapshot, valid-from and dry run
     * @return what the load did (or, dry, would do)
     */
    LoadResult load(LayerDefinition layer, Iterator<Feature> features, LoadOptions options);

    /** The store's merge, as the caller (who must be allowed to write the layer). */
    static Loader of(FeatureStore store, Caller caller) {
        return (layer, features, options) -> store.merge(layer.name(), features, options, caller);
    }
}
