package io.shikong.core.feature;

import io.shikong.core.catalog.AttributeType;
import io.shikong.core.error.InvalidParameterException;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeParseException;
import java.util.Date;

/**
 * Converts values from requests (JSON numbers, strings, filter literals) to the Java type of an
 * attribute. A value that does not fit is the caller's mistake: an {@link InvalidParameterException}
 * naming the property, never a database error later.
 */
public final class Values {

    private Values() {
    }

    /**
     * @param value   the value; {@code null} stays {@code null}
     * @param type    the attribute type
     * @param locator where the value came from, for the error message (e.g. the property name)
     * @return a value of {@code type.javaType()}
     * @throws InvalidParameterException when the value cannot be represented exactly
     */
    public static Object convert(Object value, AttributeType type, String locator) {
        if (value == null) {
            return null;
        }
        try {
            return switch (type) {
                case STRING -> value instanceof String s ? s : String.valueOf(value);
                case INTEGER -> Math.toIntExact(integral(value, locator));
                case LONG -> integral(value, locator);
                case DOUBLE -> value instanceof Number n ? n.doubleValue() : Double.parseDouble(value.toString().trim());
                case BOOLEAN -> bool(value, locator);
                case DATE -> date(value);
                case TIMESTAMP -> instant(value);
            };
        } catch (ArithmeticException | NumberFormatException | DateTimeParseException e) {
            throw new InvalidParameterException(locator, "'" + value + "' is not a valid " + type.name().toLowerCase()
                    + " value for '" + locator + "'", e);
        }
    }

    private static long integral(Object value, String locator) {
        if (value instanceof Integer || value instanceof Long || value instanceof Short || value instanceof Byte) {
            return ((Number) value).longValue();
        }
        BigDecimal d = value instanceof Number n ? new BigDecimal(n.toString()) : new BigDecimal(value.toString().trim());
        return d.longValueExact();
    }

    private static boolean bool(Object value, String locator) {
        if (value instanceof Boolean b) {
            return b;
        }
        String s = value.toString().trim().toLowerCase();
        if (s.equals("true") || s.equals("1")) {
            return true;
        }
        if (s.equals("false") || s.equals("0")) {
            return false;
        }
        throw new NumberFormatException("not a boolean");
    }

    private static LocalDate date(Object value) {
        if (value instanceof LocalDate d) {
            return d;
        }
        if (value instanceof java.sql.Date d) {
            return d.toLocalDate();
        }
        if (value instanceof Date || value instanceof Instant || value instanceof OffsetDateTime) {
            return instant(value).atOffset(ZoneOffset.UTC).toLocalDate();
        }
        String s = value.toString().trim();
        return s.length() > 10 ? instant(s).atOffset(ZoneOffset.UTC).toLocalDate() : LocalDate.parse(s);
    }

    /**
     * An instant from an {@link Instant}, {@link Date}, {@link OffsetDateTime}, {@link LocalDate} (its
     * start in UTC) or an ISO 8601 string (date, date-time with offset, or date-time taken as UTC).
     */
    public static Instant instant(Object value) {
        return inRange(parseInstant(value));
    }

    /** Years 1 to 9999: what both stores can hold (PostgreSQL refuses more, H2 would accept more). */
    private static final Instant MIN = Instant.parse("0001-01-01T00:00:00Z");
    private static final Instant MAX = Instant.parse("9999-12-31T23:59:59.999999Z");

    private static Instant inRange(Instant i) {
        if (i.isBefore(MIN) || i.isAfter(MAX)) {
            throw new DateTimeParseException("instant outside the years 1 to 9999: " + i, i.toString(), 0);
        }
        return i;
    }

    private static Instant parseInstant(Object value) {
        if (value instanceof Instant i) {
            return i;
        }
        if (value instanceof java.sql.Date d) {
            return d.toLocalDate().atStartOfDay(ZoneOffset.UTC).toInstant();
        }
        if (value instanceof Date d) {
            return d.toInstant();
        }
        if (value instanceof OffsetDateTime o) {
            return o.toInstant();
        }
        if (value instanceof ZonedDateTime z) {
            return z.toInstant();
        }
        if (value instanceof LocalDate d) {
            return d.atStartOfDay(ZoneOffset.UTC).toInstant();
        }
        String s = value.toString().trim();
        if (s.length() == 10) {
            return LocalDate.parse(s).atStartOfDay(ZoneOffset.UTC).toInstant();
        }
        try {
            return OffsetDateTime.parse(s).toInstant();
        } catch (DateTimeParseException e) {
            return LocalDateTime.parse(s).toInstant(ZoneOffset.UTC);
        }
    }
}
