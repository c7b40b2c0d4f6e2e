package io.shikong.core.feature;

import java.util.Map;
import java.util.Objects;
import org.locationtech.jts.geom.Geometry;

/**
 * One change in a versioned write. A store applies a list of changes in one transaction: all or none.
 * Nothing is overwritten: an update or a replace closes the current version and opens a new one, a
 * delete closes it.
 */
public sealed interface Change {

    /** The feature id the change is about. */
    String id();

    /**
     * The version the change is aimed at, or {@code null} for whatever version is current. When given, the
     * store checks it against the current version under the row lock, in the same transaction, and fails
     * with a {@link io.shikong.core.error.ConflictException} (locator: the change kind, e.g. {@code Update})
     * when another write got there first: optimistic concurrency without a lost update.
     */
    default Integer expectedVersion() {
        return null;
    }

    /** A new feature. Fails with a conflict when a current feature has the id. */
    record Insert(Feature feature) implements Change {
        public Insert {
            Objects.requireNonNull(feature, "feature");
        }

        @Override
        public String id() {
            return feature.id();
        }
    }

    /**
     * Changes some properties and/or the geometry of a current feature; what is not named is kept.
     *
     * @param geometry   new geometry, or {@code null} to keep it
     * @param properties new values; a key mapped to {@code null} clears the value
     */
    record Update(String id, Geometry geometry, Map<String, Object> properties, Integer expectedVersion) implements Change {
        public Update {
            Objects.requireNonNull(id, "id");
            properties = properties == null ? Map.of() : java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(properties));
        }

        public Update(String id, Geometry geometry, Map<String, Object> properties) {
            this(id, geometry, properties, null);
        }
    }

    /** Replaces geometry and every property of a current feature. */
    record Replace(Feature feature, Integer expectedVersion) implements Change {
        public Replace {
            Objects.requireNonNull(feature, "feature");
        }

        public Replace(Feature feature) {
            this(feature, null);
        }

        @Override
        public String id() {
            return feature.id();
        }
    }

    /** Ends a current feature: its current version is closed, its history kept. */
    record Delete(String id, Integer expectedVersion) implements Change {
        public Delete {
            Objects.requireNonNull(id, "id");
        }

        public Delete(String id) {
            this(id, null);
        }
    }
}
