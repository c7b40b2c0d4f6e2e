package io.shikong.api.rest.sector;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;
import io.shikong.api.rest.model.GeometryDoc;
import io.swagger.v3.oas.annotations.media.Schema;
import java.util.List;

/**
 * The body of the sector queries: a geometry (point, route or footprint) and the options each query uses.
 *
 * @param geometry   GeoJSON geometry, longitude/easting first
 * @param crs        its CRS (EPSG:4490/4326/3857, a Gauss-Krüger zone, GCJ02, BD09); default CRS84
 * @param distance   metres: pipelines near the geometry, captures along a route (default 20)
 * @param networks   pipeline networks to keep (water_supply, drainage, heating, gas); all when empty
 * @param riskLevels inspection risk levels to keep (A, B, C, D); all when empty
 * @param before     street view: only captures taken before this instant
 * @param asOf       the data as it stood then; default now
 * @param outputCrs  CRS of returned geometries; default CRS84
 */
@Serdeable
@Schema(name = "SectorQuery")
public record SectorRequest(@Nullable GeometryDoc geometry, @Nullable String crs, @Nullable Double distance,
                            @Nullable List<String> networks, @Nullable List<String> riskLevels, @Nullable String before,
                            @Nullable String asOf, @Nullable String outputCrs) {
}
