package io.shikong.api.rest.model;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;
import io.swagger.v3.oas.annotations.media.Schema;
import java.util.Map;

/**
 * An RFC 7946 feature as the API writes it. Valid time is in {@code properties.valid_from} and
 * {@code properties.valid_to} (absent/null while current); {@code version} and {@code distance} are
 * foreign members.
 */
@Serdeable
@Schema(name = "Feature", description = "RFC 7946 feature; valid time in properties.valid_from/valid_to")
public record FeatureDoc(
        String type,
        String id,
        @Nullable GeometryDoc geometry,
        Map<String, Object> properties,
        @Nullable @Schema(description = "version number of this feature version, from 1") Integer version,
        @Nullable @Schema(description = "distance in metres to the query geometry (spatial queries)") Double distance) {
}
