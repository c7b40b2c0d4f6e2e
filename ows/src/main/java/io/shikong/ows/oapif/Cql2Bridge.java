package io.shikong.ows.oapif;

import io.shikong.core.error.InvalidParameterException;
import java.util.List;
import java.util.function.UnaryOperator;
import org.geotools.api.filter.Filter;
import org.locationtech.jts.geom.Geometry;

/** Placeholder until spatial-core's Cql2 is on main: ECQL for text. */
final class Cql2Bridge {

    private Cql2Bridge() {
    }

    static Filter text(String text, String locator, UnaryOperator<Geometry> literals) {
        return io.shikong.core.filter.Ecql.parse(text, locator);
    }

    static Filter json(String json, String locator, UnaryOperator<Geometry> literals) {
        throw new InvalidParameterException(locator, "cql2-json is not available yet");
    }

    static List<String> conformanceClasses() {
        return List.of();
    }
}
