package io.shikong.api.rest.spatial;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;
import io.shikong.api.rest.model.GeometryDoc;
import io.swagger.v3.oas.annotations.media.Schema;
import java.util.List;

/**
 * A spatial question about one layer.
 *
 * @param geometry   the query geometry, GeoJSON, longitude/easting first
 * @param crs        CRS of {@code geometry} (and of geometries in {@code filter}); default CRS84
 * @param relation   intersects, within (features within the geometry), contains (features containing
 *                   it), dwithin (within {@code distance} metres) or nearest ({@code k} nearest)
 * @param distance   metres, for dwithin; for nearest the search radius (default 50 km)
 * @param k          how many nearest features, 1..1000
 * @param filter     an ECQL filter that must also hold
 * @param asOf       instant: the data as it stood then
 * @param limit      page size (not for nearest)
 * @param offset     features to skip (not for nearest)
 * @param properties properties to return
 * @param outputCrs  CRS of the returned geometries; default CRS84
 */
@Serdeable
@Schema(name = "SpatialQuery")
public record SpatialQueryRequest(
        @Nullable GeometryDoc geometry,
        @Nullable String crs,
        @Nullable @Schema(allowableValues = {"intersects", "within", "contains", "dwithin", "nearest"}) String relation,
        @Nullable Double distance,
        @Nullable Integer k,
        @Nullable String filter,
        @Nullable String asOf,
        @Nullable Integer limit,
        @Nullable Integer offset,
        @Nullable List<String> properties,
        @Nullable String outputCrs) {
}
