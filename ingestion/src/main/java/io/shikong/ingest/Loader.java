package io.shikong.ingest;

import io.shikong.core.catalog.LayerDefinition;
import io.shikong.core.feature.Feature;
import java.time.Instant;
import java.util.Iterator;

/**
 * Where validated features go: the store's merge of a load into the versions of a layer
 * ({@code FeatureStore.merge}), or an in-memory loader in tests. The features come one at a time from
 * the pipeline's spool, each with its feature id, attributes typed per the layer, geometry valid and in
 * the layer's storage CRS, ids unique.
 *
 * <p>The loader is all-or-nothing: it applies the whole iterator in one transaction or nothing, and it
 * may refuse the load with a {@link io.shikong.core.error.ShikongException} (for instance a valid-from
 * earlier than a changed feature's current version), which the pipeline reports as the load's failure.
 */
@FunctionalInterface
public interface Loader {

    /**
     * @param layer          the target layer
     * @param features       the features, consumed once
     * @param snapshot       whether current features absent from the input are closed
     * @param validFrom      the instant the load is valid from; {@code null} = now
     * @param dryRun         compute the counts and write nothing
     * @param keyDescription how ids were made (e.g. {@code "field code"}), for the store's messages
     */
    LoadCounts load(LayerDefinition layer, Iterator<Feature> features, boolean snapshot, Instant validFrom,
                    boolean dryRun, String keyDescription);
}
