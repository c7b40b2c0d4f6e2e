package io.shikong.core.query;

import java.util.Objects;

/** One sort key of a query: a property name and a direction. */
public record SortKey(String property, boolean ascending) {

    public SortKey {
        Objects.requireNonNull(property, "property");
    }

    public static SortKey asc(String property) {
        return new SortKey(property, true);
    }

    public static SortKey desc(String property) {
        return new SortKey(property, false);
    }
}
