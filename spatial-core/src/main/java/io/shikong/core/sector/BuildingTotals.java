package io.shikong.core.sector;

import java.time.Instant;
import java.util.Map;

/**
 * Buildings intersecting a polygon with totals: floor area = footprint area (m², Gauss-Krüger zone of
 * the polygon) × floors, for the whole building, not the part inside.
 *
 * @param count            buildings
 * @param floorAreaM2      total floor area, m², to 0.1
 * @param countByUse       buildings by use ({@code unknown} for none), sorted by use
 * @param floorAreaM2ByUse floor area by use, m², to 0.1
 * @param asOf             the instant the data is of
 * @param method           how the areas were measured
 */
public record BuildingTotals(long count, double floorAreaM2, Map<String, Long> countByUse,
                             Map<String, Double> floorAreaM2ByUse, Instant asOf, String method) {
}
