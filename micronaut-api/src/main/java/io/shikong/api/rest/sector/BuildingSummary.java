package io.shikong.api.rest.sector;

import io.micronaut.serde.annotation.Serdeable;
import io.swagger.v3.oas.annotations.media.Schema;
import java.util.Map;

/**
 * Buildings in a polygon with totals: floor area = footprint area (m², Gauss-Krüger zone) × floors,
 * counted for buildings whose footprint intersects the polygon (the whole building, not the cut part).
 */
@Serdeable
@Schema(name = "BuildingSummary")
public record BuildingSummary(long count, double floorAreaM2, Map<String, Long> countByUse,
                              Map<String, Double> floorAreaM2ByUse, String asOf, String method) {
}
