package io.shikong.core.cql2;

import io.shikong.core.cql2.Cql2Builder.Cql2Error;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;

/** The instants of CQL2: DATE('yyyy-mm-dd') and TIMESTAMP('yyyy-mm-ddThh:mm:ss[.sss]Z'), years 1 to 9999. */
final class Cql2Time {

    private static final Instant MIN = Instant.parse("0001-01-01T00:00:00Z");
    private static final Instant MAX = Instant.parse("9999-12-31T23:59:59.999999Z");

    private Cql2Time() {
    }

    static LocalDate date(String text) {
        if (text.length() != 10) {
            throw new Cql2Error("'" + text + "' is not a date (yyyy-mm-dd)");
        }
        try {
            LocalDate d = LocalDate.parse(text);
            if (d.getYear() < 1) {
                throw new Cql2Error("'" + text + "' is outside the years 1 to 9999");
            }
            return d;
        } catch (DateTimeParseException e) {
            throw new Cql2Error("'" + text + "' is not a date (yyyy-mm-dd)");
        }
    }

    /** A timestamp: an instant in UTC ('Z') or with an offset. */
    static Instant timestamp(String text) {
        Instant i;
        try {
            i = OffsetDateTime.parse(text).toInstant();
        } catch (DateTimeParseException e) {
            throw new Cql2Error("'" + text + "' is not a timestamp (yyyy-mm-ddThh:mm:ss[.sss]Z)");
        }
        if (i.isBefore(MIN) || i.isAfter(MAX)) {
            throw new Cql2Error("'" + text + "' is outside the years 1 to 9999");
        }
        return i;
    }
}
