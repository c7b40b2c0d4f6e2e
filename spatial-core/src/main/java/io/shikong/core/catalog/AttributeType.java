package io.shikong.core.catalog;

import java.time.Instant;
import java.time.LocalDate;
import java.util.Locale;

/**
 * The attribute types a layer may declare. Each maps to one Java type, one SQL type per store and one
 * XSD type for the OGC services.
 */
public enum AttributeType {
    STRING(String.class, "string"),
    INTEGER(Integer.class, "int"),
    LONG(Long.class, "long"),
    DOUBLE(Double.class, "double"),
    BOOLEAN(Boolean.class, "boolean"),
    /** A calendar date without time of day. */
    DATE(LocalDate.class, "date"),
    /** An instant on the time line, stored with time zone. */
    TIMESTAMP(Instant.class, "dateTime");

    private final Class<?> javaType;
    private final String xsdType;

    AttributeType(Class<?> javaType, String xsdType) {
        this.javaType = javaType;
        this.xsdType = xsdType;
    }

    /** The Java type values of this attribute have in a {@code Feature}. */
    public Class<?> javaType() {
        return javaType;
    }

    /** The XML Schema type name (without prefix). */
    public String xsdType() {
        return xsdType;
    }

    /** True for DATE and TIMESTAMP, the types temporal filter operators apply to. */
    public boolean temporal() {
        return this == DATE || this == TIMESTAMP;
    }

    /**
     * Parses a configuration name ({@code string, integer, int, long, double, boolean, date,
     * timestamp, datetime}), case-insensitively.
     *
     * @throws IllegalArgumentException naming the value when it is none of them
     */
    public static AttributeType parse(String name) {
        switch (name == null ? "" : name.toLowerCase(Locale.ROOT)) {
            case "string", "text": return STRING;
            case "integer", "int": return INTEGER;
            case "long", "bigint": return LONG;
            case "double", "real", "float": return DOUBLE;
            case "boolean", "bool": return BOOLEAN;
            case "date": return DATE;
            case "timestamp", "datetime", "instant": return TIMESTAMP;
            default:
                throw new IllegalArgumentException("unknown attribute type '" + name
                        + "' (one of string, integer, long, double, boolean, date, timestamp)");
        }
    }
}
