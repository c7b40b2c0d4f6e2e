package io.shikong.api.rest.model;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;
import io.swagger.v3.oas.annotations.media.Schema;
import java.util.List;

/** An RFC 7946 geometry (documentation and client model; the server streams it). */
@Serdeable
@Schema(name = "Geometry", description = "RFC 7946 geometry, longitude first")
public record GeometryDoc(
        @Schema(description = "Point, LineString, Polygon, MultiPoint, MultiLineString, MultiPolygon") String type,
        @Nullable @Schema(description = "nested coordinate arrays", type = "array", implementation = Object.class) List<Object> coordinates) {
}
