package io.shikong.samples;

import io.shikong.core.feature.Feature;
import java.util.List;

/** Makes the versions of one feature of one layer from the seed and the feature's index alone. */
interface LayerGenerator {

    /** Every version of the feature at {@code index} (0-based), oldest first, versions 1..n. */
    List<Feature> versions(long seed, int index);
}
