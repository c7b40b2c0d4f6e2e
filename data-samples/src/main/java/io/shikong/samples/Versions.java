package io.shikong.samples;

import io.shikong.core.feature.Feature;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.locationtech.jts.geom.Geometry;

/**
 * Builds the version chain of one feature: each {@link #add} closes the previous version at the new
 * version's start, so valid times never overlap and versions count 1..n.
 */
final class Versions {

    private final String id;
    private final List<Feature> versions = new ArrayList<>(4);
    private Instant from;
    private Geometry geometry;
    private Map<String, Object> properties;

    Versions(String id) {
        this.id = id;
    }

    /** Starts a new version at {@code validFrom}, ending the previous one there. */
    Versions add(Instant validFrom, Geometry geometry, Map<String, Object> properties) {
        if (this.from != null) {
            flush(validFrom);
        }
        this.from = validFrom;
        this.geometry = geometry;
        this.properties = properties;
        return this;
    }

    /** The chain with the last version current. */
    List<Feature> current() {
        flush(null);
        return versions;
    }

    /** The chain with the last version closed at {@code end}: the feature was deleted then. */
    List<Feature> deleted(Instant end) {
        flush(end);
        return versions;
    }

    private void flush(Instant validTo) {
        versions.add(new Feature(id, geometry, properties, from, validTo, versions.size() + 1));
    }
}
