package io.shikong.core.filter;

import java.util.List;

/**
 * The filter operators Shikong evaluates, as FES 2.0 names them: what both stores compile to SQL
 * (and what the OGC capabilities advertise). Kept here, apart from the SQL compiler in
 * {@code store.jdbc}, so that readers of filters need not know the stores.
 */
public final class FilterOperators {

    public static final List<String> SPATIAL = List.of("BBOX", "Intersects", "Disjoint", "Contains", "Within",
            "Crosses", "Touches", "Overlaps", "Equals", "DWithin", "Beyond");

    public static final List<String> TEMPORAL = List.of("Before", "After", "During", "TEquals");

    public static final List<String> COMPARISON = List.of("PropertyIsEqualTo", "PropertyIsNotEqualTo",
            "PropertyIsLessThan", "PropertyIsGreaterThan", "PropertyIsLessThanOrEqualTo",
            "PropertyIsGreaterThanOrEqualTo", "PropertyIsLike", "PropertyIsNull", "PropertyIsNil", "PropertyIsBetween");

    private FilterOperators() {
    }
}
