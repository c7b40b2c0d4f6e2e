package io.shikong.api.rest.redline;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;
import io.swagger.v3.oas.annotations.media.Schema;

/**
 * A compliance check request: one footprint or several.
 *
 * @param footprint    GeoJSON geometry, Feature or FeatureCollection (one footprint per feature)
 * @param wkt          or the footprint as WKT
 * @param crs          CRS of the footprint: EPSG:4490/4326/3857, a Gauss-Krüger zone, GCJ02 or BD09; default CRS84
 * @param bufferMeters also report zones within this distance, metres
 * @param asOf         the red lines in force at this instant; default now
 * @param repair       make an invalid footprint valid instead of refusing it
 */
@Serdeable
@Schema(name = "RedLineCheckRequest")
public record RedLineCheckRequest(
        @Nullable @Schema(description = "GeoJSON geometry, Feature or FeatureCollection", type = "object") Object footprint,
        @Nullable String wkt,
        @Nullable String crs,
        @Nullable Double bufferMeters,
        @Nullable String asOf,
        @Nullable Boolean repair) {
}
