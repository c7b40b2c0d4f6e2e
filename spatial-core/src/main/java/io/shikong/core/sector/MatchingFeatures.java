package io.shikong.core.sector;

import io.shikong.core.catalog.LayerDefinition;
import io.shikong.core.store.FeatureCursor;

/**
 * An answer streamed from the store in the store's order, at most {@link SectorLimits#maxResults()}
 * features (larger answers were refused before the cursor was opened).
 *
 * @param layer  the layer the features are of
 * @param cursor the open cursor, geometries in the output CRS; whoever consumes it closes it
 */
public record MatchingFeatures(LayerDefinition layer, FeatureCursor cursor) {
}
