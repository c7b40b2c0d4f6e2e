package io.shikong.core.store.jdbc;

import io.shikong.core.catalog.AttributeType;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;

/**
 * The SQL of a temporal relation between two periods, each given by its begin and end ({@link Bound}s): an
 * instant is the period of one instant, an end may be unbounded ({@code '..'} of CQL2), and the end of a
 * period that is a nullable column (valid time's {@code valid_to}, NULL for the current version) is unbounded
 * where the column is NULL. The relations are those of CQL2 (OGC 21-065, section 7.11) and of FES's temporal
 * operators, in terms of the ends:
 *
 * <pre>
 * After a0 &gt; b1            Before a1 &lt; b0             AnyInteracts a0 &lt;= b1 and a1 &gt;= b0
 * During a0 &gt; b0, a1 &lt; b1  TContains a0 &lt; b0, a1 &gt; b1  TEquals a0 = b0, a1 = b1
 * Begins a0 = b0, a1 &lt; b1  BegunBy a0 = b0, a1 &gt; b1    Ends a0 &gt; b0, a1 = b1     EndedBy a0 &lt; b0, a1 = b1
 * Meets a1 = b0            MetBy a0 = b1               TOverlaps a0 &lt; b0, a1 &gt; b0, a1 &lt; b1
 * OverlappedBy a0 &gt; b0, a0 &lt; b1, a1 &gt; b1
 * </pre>
 *
 * Each comparison of ends is decided in Java when both are known (an unbounded end against anything), and
 * written as SQL otherwise, so that no infinite timestamp is ever bound (neither database has one that both
 * drivers bind alike). A DATE column compared with an instant within a day is compared with that day, exactly.
 */
final class TemporalCondition {

    /** One end of a period. */
    sealed interface Bound permits Unbounded, Value, Col {
    }

    /** An unbounded end: {@code sign} -1 before every instant, +1 after. */
    record Unbounded(int sign) implements Bound {
    }

    /** A known instant; {@code date} when it is a DATE (its day), else {@code null}. */
    record Value(Instant instant, LocalDate date) implements Bound {
        static Value of(Object v) {
            if (v instanceof LocalDate d) {
                return new Value(d.atStartOfDay(ZoneOffset.UTC).toInstant(), d);
            }
            return new Value(io.shikong.core.feature.Values.instant(v), null);
        }
    }

    /**
     * A column of type DATE or TIMESTAMP; where it is NULL it stands for {@link Unbounded} {@code nullSign}, or,
     * when {@code nullSign} is 0, for an unknown value (the comparison is not true, as in SQL).
     */
    record Col(String sql, AttributeType type, int nullSign) implements Bound {
    }

    private TemporalCondition() {
    }

    /** The relations, by the name of the GeoTools operator interface. */
    static void write(SqlBuilder b, String relation, Bound a0, Bound a1, Bound b0, Bound b1) {
        Cond c = switch (relation) {
            case "After" -> cmp(a0, ">", b1);
            case "Before" -> cmp(a1, "<", b0);
            case "AnyInteracts" -> all(cmp(a0, "<=", b1), cmp(a1, ">=", b0));
            case "During" -> all(cmp(a0, ">", b0), cmp(a1, "<", b1));
            case "TContains" -> all(cmp(a0, "<", b0), cmp(a1, ">", b1));
            case "TEquals" -> all(cmp(a0, "=", b0), cmp(a1, "=", b1));
            case "Begins" -> all(cmp(a0, "=", b0), cmp(a1, "<", b1));
            case "BegunBy" -> all(cmp(a0, "=", b0), cmp(a1, ">", b1));
            case "Ends" -> all(cmp(a0, ">", b0), cmp(a1, "=", b1));
            case "EndedBy" -> all(cmp(a0, "<", b0), cmp(a1, "=", b1));
            case "Meets" -> cmp(a1, "=", b0);
            case "MetBy" -> cmp(a0, "=", b1);
            case "TOverlaps" -> all(cmp(a0, "<", b0), cmp(a1, ">", b0), cmp(a1, "<", b1));
            case "OverlappedBy" -> all(cmp(a0, ">", b0), cmp(a0, "<", b1), cmp(a1, ">", b1));
            default -> throw new IllegalArgumentException(relation);
        };
        c.write(b);
    }

    // ---- conditions: TRUE, FALSE, a SQL fragment, AND, OR

    private record Cond(Boolean constant, List<Object> parts, boolean and, List<Cond> operands) {

        static final Cond TRUE = new Cond(true, null, false, null);
        static final Cond FALSE = new Cond(false, null, false, null);

        void write(SqlBuilder b) {
            if (constant != null) {
                b.sql(constant ? "1=1" : "1=0");
            } else if (parts != null) {
                for (Object p : parts) {
                    if (p instanceof Param param) {
                        b.param(param.value());
                    } else {
                        b.sql((String) p);
                    }
                }
            } else {
                b.sql("(");
                for (int i = 0; i < operands.size(); i++) {
                    if (i > 0) {
                        b.sql(and ? " AND " : " OR ");
                    }
                    operands.get(i).write(b);
                }
                b.sql(")");
            }
        }
    }

    private record Param(Object value) {
    }

    private static Cond sql(Object... parts) {
        return new Cond(null, List.of(parts), false, null);
    }

    private static Cond all(Cond... cs) {
        return logic(true, cs);
    }

    private static Cond any(Cond... cs) {
        return logic(false, cs);
    }

    private static Cond logic(boolean and, Cond... cs) {
        List<Cond> ops = new ArrayList<>();
        for (Cond c : cs) {
            if (c.constant() != null) {
                if (c.constant() != and) {
                    return c; // FALSE in an AND, TRUE in an OR
                }
                continue;
            }
            ops.add(c);
        }
        if (ops.isEmpty()) {
            return and ? Cond.TRUE : Cond.FALSE;
        }
        return ops.size() == 1 ? ops.get(0) : new Cond(null, null, and, ops);
    }

    // ---- comparisons of ends

    static Cond cmp(Bound x, String op, Bound y) {
        if (x instanceof Col c && c.nullSign() != 0) {
            Col finite = new Col(c.sql(), c.type(), 0);
            return any(all(sql(c.sql() + " IS NULL"), cmp(new Unbounded(c.nullSign()), op, y)),
                    all(sql(c.sql() + " IS NOT NULL"), cmp(finite, op, y)));
        }
        if (y instanceof Col c && c.nullSign() != 0) {
            Col finite = new Col(c.sql(), c.type(), 0);
            return any(all(sql(c.sql() + " IS NULL"), cmp(x, op, new Unbounded(c.nullSign()))),
                    all(sql(c.sql() + " IS NOT NULL"), cmp(x, op, finite)));
        }
        if (x instanceof Col cx && y instanceof Col cy) {
            return sql("(" + cx.sql() + " " + op + " " + cy.sql() + ")");
        }
        if (y instanceof Col) {
            return cmp(y, flip(op), x);
        }
        if (x instanceof Col c) {
            if (y instanceof Unbounded u) {
                // a known (not NULL) value against an unbounded end: decided, but unknown where the column is NULL
                return decide(Integer.compare(0, u.sign()), op) ? sql(c.sql() + " IS NOT NULL") : Cond.FALSE;
            }
            return columnValue(c, op, (Value) y);
        }
        return decide(compare(x, y), op) ? Cond.TRUE : Cond.FALSE;
    }

    private static Cond columnValue(Col c, String op, Value v) {
        if (c.type() != AttributeType.DATE) {
            return sql("(" + c.sql() + " " + op + " ", new Param(v.instant()), ")");
        }
        LocalDate day = v.date() != null ? v.date() : v.instant().atOffset(ZoneOffset.UTC).toLocalDate();
        boolean midnight = v.date() != null || day.atStartOfDay(ZoneOffset.UTC).toInstant().equals(v.instant());
        if (midnight) {
            return sql("(" + c.sql() + " " + op + " ", new Param(day), ")");
        }
        // an instant within `day`: a date (its midnight) is before it when it is `day` or earlier
        return switch (op) {
            case "<", "<=" -> sql("(" + c.sql() + " <= ", new Param(day), ")");
            case ">", ">=" -> sql("(" + c.sql() + " > ", new Param(day), ")");
            case "=" -> Cond.FALSE;
            default -> sql(c.sql() + " IS NOT NULL");
        };
    }

    private static int compare(Bound x, Bound y) {
        int sx = x instanceof Unbounded u ? u.sign() : 0;
        int sy = y instanceof Unbounded u ? u.sign() : 0;
        if (sx != 0 || sy != 0) {
            return Integer.compare(sx, sy);
        }
        return ((Value) x).instant().compareTo(((Value) y).instant());
    }

    private static boolean decide(int cmp, String op) {
        return switch (op) {
            case "<" -> cmp < 0;
            case "<=" -> cmp <= 0;
            case ">" -> cmp > 0;
            case ">=" -> cmp >= 0;
            case "=" -> cmp == 0;
            default -> cmp != 0;
        };
    }

    private static String flip(String op) {
        return switch (op) {
            case "<" -> ">";
            case "<=" -> ">=";
            case ">" -> "<";
            case ">=" -> "<=";
            default -> op;
        };
    }
}
