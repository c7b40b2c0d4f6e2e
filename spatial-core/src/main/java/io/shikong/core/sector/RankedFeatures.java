package io.shikong.core.sector;

import io.shikong.core.catalog.LayerDefinition;
import io.shikong.core.feature.Feature;
import java.util.List;

/**
 * An answer read whole and put in order (nearest first, along a route, oldest version first), geometries
 * already in the output CRS.
 *
 * @param layer     the layer the features are of
 * @param features  the features, in order
 * @param distances metres from the query geometry, one per feature; {@code null} when not measured
 */
public record RankedFeatures(LayerDefinition layer, List<Feature> features, List<Double> distances) {

    public RankedFeatures {
        features = List.copyOf(features);
        distances = distances == null ? null : List.copyOf(distances);
        if (distances != null && distances.size() != features.size()) {
            throw new IllegalArgumentException("one distance per feature");
        }
    }
}
