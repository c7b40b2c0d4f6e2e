package io.shikong.core.store;

import java.util.Set;

/**
 * What a store does itself. Both stores of Shikong are SQL stores and push everything down; the
 * operator names are those of FES 2.0 and are what the OGC services advertise.
 *
 * @param spatialOperators    spatial operators compiled to SQL (e.g. {@code BBOX, Intersects, DWithin})
 * @param temporalOperators   temporal operators compiled to SQL (e.g. {@code Before, After, During, TEquals})
 * @param comparisonOperators comparison operators compiled to SQL
 * @param bulkCopy            whether bulk loads use a streaming copy protocol rather than batched inserts
 */
public record StoreCapabilities(Set<String> spatialOperators, Set<String> temporalOperators,
                                Set<String> comparisonOperators, boolean bulkCopy) {

    public StoreCapabilities {
        spatialOperators = Set.copyOf(spatialOperators);
        temporalOperators = Set.copyOf(temporalOperators);
        comparisonOperators = Set.copyOf(comparisonOperators);
    }
}
