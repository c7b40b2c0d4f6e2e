package io.shikong.core.cql2;

/**
 * One parsed operand or predicate of CQL2, with what the parser knows of its type: a filter (a predicate or
 * boolean literal), or an expression whose type is known from its literal or function, or unknown (a
 * property; the store checks it against the layer's schema).
 *
 * @param node    a GeoTools {@code Filter} ({@link Kind#FILTER}) or {@code Expression}
 * @param kind    what it is
 * @param literal whether it is a literal (CASEI and ACCENTI of a literal are folded into a literal)
 */
record Term(Object node, Kind kind, boolean literal) {

    enum Kind {
        FILTER("a predicate"), BOOLEAN("a boolean"), NUMBER("a number"), STRING("a character string"),
        DATE("a date"), TIMESTAMP("a timestamp"), INTERVAL("an interval"), GEOMETRY("a geometry"),
        PROPERTY("a property");

        final String description;

        Kind(String description) {
            this.description = description;
        }
    }

    boolean scalar() {
        return kind != Kind.FILTER && kind != Kind.GEOMETRY && kind != Kind.INTERVAL;
    }

    boolean instant() {
        return kind == Kind.DATE || kind == Kind.TIMESTAMP;
    }
}
