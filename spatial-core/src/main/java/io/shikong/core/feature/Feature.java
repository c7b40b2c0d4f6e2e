package io.shikong.core.feature;

import java.time.Instant;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import org.locationtech.jts.geom.Geometry;

/**
 * One version of one feature: a stable id, a geometry, attribute values and its valid time.
 *
 * <p>Versions of the same feature share the id; their valid times do not overlap. {@code validTo ==
 * null} marks the current version. For published layers without time, both times are {@code null}
 * and {@code version} is 1.
 *
 * @param id         stable feature id
 * @param geometry   geometry in the CRS the query asked for (x = longitude/easting); may be {@code null}
 * @param properties attribute values in schema order; absent or {@code null} values are {@code null}
 * @param validFrom  start of valid time (inclusive), or {@code null} when the layer has no time
 * @param validTo    end of valid time (exclusive), {@code null} while current
 * @param version    1 for the first version, incremented by each change
 */
public record Feature(String id, Geometry geometry, Map<String, Object> properties, Instant validFrom,
                      Instant validTo, int version) {

    public Feature {
        Objects.requireNonNull(id, "id");
        // a store's CompactProperties is already an unmodifiable map that nobody else holds: kept, not copied
        // (a map's read makes one per feature)
        properties = properties instanceof CompactProperties ? properties
                : Collections.unmodifiableMap(new LinkedHashMap<>(properties));
    }

    /** A feature to insert: the store assigns valid time and version. */
    public static Feature of(String id, Geometry geometry, Map<String, Object> properties) {
        return new Feature(id, geometry, properties, null, null, 0);
    }

    /** Whether this is the current version. */
    public boolean current() {
        return validTo == null;
    }

    /** The value of one attribute, or {@code null}. */
    public Object get(String property) {
        return properties.get(property);
    }
}
