package io.shikong.ows.oapif;

import io.shikong.core.cql2.Cql2;
import io.shikong.core.crs.Crs;
import io.shikong.core.error.InvalidParameterException;
import java.util.List;
import java.util.Locale;
import java.util.function.UnaryOperator;
import org.geotools.api.filter.Filter;
import org.locationtech.jts.geom.Geometry;

/**
 * Part 3: {@code filter} in CQL2 Text ({@code filter-lang=cql2-text}, the default) or CQL2 JSON
 * ({@code cql2-json}), its geometry literals in {@code filter-crs} (CRS84 by default; latitude first for
 * EPSG:4326, EPSG:4490 and the Gauss-Krüger zones, which are turned here to the longitude-first order the store
 * reads). The parser is spatial-core's {@code io.shikong.core.cql2.Cql2}.
 */
final class OapifFilter {

    static final String TEXT = "cql2-text";
    static final String JSON = "cql2-json";

    private OapifFilter() {
    }

    static Filter parse(String filter, String lang, Crs filterCrs) {
        String l = lang == null || lang.isBlank() ? TEXT : lang.trim().toLowerCase(Locale.ROOT);
        if (!l.equals(TEXT) && !l.equals(JSON)) {
            throw new InvalidParameterException("filter-lang", "filter-lang '" + lang + "' is not served; use cql2-text or cql2-json");
        }
        if (filter == null || filter.isBlank()) {
            return null;
        }
        UnaryOperator<Geometry> literals = filterCrs.northingFirst() ? OapifCrs::swap : UnaryOperator.identity();
        return switch (l) {
            case TEXT -> Cql2.text(filter, "filter", literals);
            case JSON -> Cql2.json(filter, "filter", literals);
            default -> throw new InvalidParameterException("filter-lang", "filter-lang '" + lang
                    + "' is not served; use cql2-text or cql2-json");
        };
    }

    static List<String> conformanceClasses() {
        return Cql2.conformanceClasses();
    }
}
