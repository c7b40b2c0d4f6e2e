package io.shikong.core.filter;

import io.shikong.core.error.InvalidParameterException;
import org.geotools.api.filter.Filter;
import org.geotools.filter.text.cql2.CQLException;
import org.geotools.filter.text.ecql.ECQL;

/** Parses ECQL text (the GeoTools CQL module) into a {@link Filter}, turning syntax errors into 400s. */
public final class Ecql {

    /** Longer filters are refused before parsing: a filter is a query, not a payload. */
    public static final int MAX_LENGTH = 64 * 1024;

    private Ecql() {
    }

    /**
     * @param text    ECQL, e.g. {@code floors > 10 AND INTERSECTS(geom, POLYGON((...)))}
     * @param locator the parameter name to report on error
     * @return the filter; {@link Filter#INCLUDE} for blank text
     * @throws InvalidParameterException with the parser's message and position when the text is not ECQL
     */
    public static Filter parse(String text, String locator) {
        if (text == null || text.isBlank()) {
            return Filter.INCLUDE;
        }
        if (text.length() > MAX_LENGTH) {
            throw new InvalidParameterException(locator, "filter is longer than " + MAX_LENGTH + " characters");
        }
        try {
            return ECQL.toFilter(text);
        } catch (CQLException e) {
            String message = e.getMessage() == null ? "syntax error" : e.getMessage().strip();
            // the parser lists every token it could have accepted; the first line says what and where
            int expecting = message.indexOf("Was expecting");
            if (expecting > 0) {
                message = message.substring(0, expecting).strip();
            }
            throw new InvalidParameterException(locator, "Invalid ECQL filter: " + message, e);
        } catch (RuntimeException e) {
            throw new InvalidParameterException(locator, "Invalid ECQL filter: " + e, e);
        }
    }
}
