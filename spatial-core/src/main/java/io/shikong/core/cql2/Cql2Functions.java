package io.shikong.core.cql2;

import java.text.Normalizer;
import java.util.List;
import java.util.Locale;
import org.geotools.api.filter.expression.Expression;
import org.geotools.filter.FunctionExpressionImpl;

/**
 * The expressions CQL2 has that GeoTools' filter model lacks: {@code CASEI}, {@code ACCENTI} and
 * {@code INTERVAL}. They are GeoTools functions so that a filter holding them is an ordinary filter (the depth
 * check walks into them, {@code Filter.evaluate} evaluates them); the SQL compiler recognises them by class.
 */
public final class Cql2Functions {

    /** Characters ACCENTI maps (Latin letters with diacritics, U+00C0 to U+024F) and what they map to. */
    public static final String ACCENTED;
    /** The base letter of each character of {@link #ACCENTED}, at the same place. */
    public static final String UNACCENTED;

    static {
        StringBuilder from = new StringBuilder();
        StringBuilder to = new StringBuilder();
        for (char c = '\u00c0'; c <= '\u024f'; c++) {
            String d = Normalizer.normalize(String.valueOf(c), Normalizer.Form.NFD);
            char base = d.charAt(0);
            if (d.length() > 1 && base < 128 && Character.isLetter(base)) {
                from.append(c);
                to.append(base);
            }
        }
        ACCENTED = from.toString();
        UNACCENTED = to.toString();
    }

    private Cql2Functions() {
    }

    /** {@code text} without the diacritics of {@link #ACCENTED}: what {@code ACCENTI} compares. */
    public static String unaccent(String text) {
        StringBuilder sb = new StringBuilder(text.length());
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            int k = c >= '\u00c0' && c <= '\u024f' ? ACCENTED.indexOf(c) : -1;
            sb.append(k < 0 ? c : UNACCENTED.charAt(k));
        }
        return sb.toString();
    }

    /** {@code text} in lower case (Unicode's default mapping, no locale): what {@code CASEI} compares. */
    public static String lower(String text) {
        return text.toLowerCase(Locale.ROOT);
    }

    /** {@code CASEI(x)}: x in lower case. SQL: {@code LOWER(x)}. */
    public static final class Casei extends FunctionExpressionImpl {
        public static final String NAME = "casei";

        public Casei() {
            super(functionName(NAME, "result:String", "value:String"));
        }

        public Casei(Expression value) {
            this();
            setParameters(List.of(value));
        }

        @Override
        public Object evaluate(Object object) {
            Object v = getParameters().get(0).evaluate(object);
            return v == null ? null : lower(v.toString());
        }
    }

    /** {@code ACCENTI(x)}: x without diacritics. SQL: {@code TRANSLATE(x, ACCENTED, UNACCENTED)}. */
    public static final class Accenti extends FunctionExpressionImpl {
        public static final String NAME = "accenti";

        public Accenti() {
            super(functionName(NAME, "result:String", "value:String"));
        }

        public Accenti(Expression value) {
            this();
            setParameters(List.of(value));
        }

        @Override
        public Object evaluate(Object object) {
            Object v = getParameters().get(0).evaluate(object);
            return v == null ? null : unaccent(v.toString());
        }
    }

    /**
     * CQL2's arithmetic that GeoTools' expressions lack: {@code %} (remainder, the sign of the dividend),
     * {@code div} (the quotient truncated toward zero) and {@code ^} (power). By zero, {@code %} and {@code div}
     * are NULL, as {@code /} is. SQL: {@code MOD}, {@code TRUNC} of the division, {@code POWER}.
     */
    public static final class Arithmetic extends FunctionExpressionImpl {
        public static final String MOD = "mod";
        public static final String DIV = "div";
        public static final String POWER = "power";

        public Arithmetic(String name, Expression a, Expression b) {
            super(functionName(name, "result:Double", "a:Double", "b:Double"));
            setParameters(List.of(a, b));
        }

        @Override
        public Object evaluate(Object object) {
            Object a = getParameters().get(0).evaluate(object);
            Object b = getParameters().get(1).evaluate(object);
            if (!(a instanceof Number x) || !(b instanceof Number y)) {
                return null;
            }
            double u = x.doubleValue();
            double v = y.doubleValue();
            return switch (getName()) {
                case MOD -> v == 0 ? null : u % v;
                case DIV -> v == 0 ? null : (double) (long) (u / v);
                default -> Math.pow(u, v);
            };
        }
    }

    /**
     * {@code INTERVAL(start, end)}: a period whose ends are instants (a {@link java.time.LocalDate} of a DATE, a
     * {@link java.time.Instant} of a TIMESTAMP), properties, or {@link #OPEN} ({@code '..'}, unbounded). A property
     * end that is NULL in a row is unbounded too: the valid time {@code INTERVAL(valid_from, valid_to)} of a
     * current version, whose {@code valid_to} is NULL, reaches into the future.
     */
    public static final class Interval extends FunctionExpressionImpl {
        public static final String NAME = "interval";
        /** The value of an open end. */
        public static final String OPEN = "..";

        public Interval() {
            super(functionName(NAME, "result:Object", "start:Object", "end:Object"));
        }

        public Interval(Expression start, Expression end) {
            this();
            setParameters(List.of(start, end));
        }

        public Expression start() {
            return getParameters().get(0);
        }

        public Expression end() {
            return getParameters().get(1);
        }

        /** The two ends evaluated, as {@code [start, end]} ({@code null} where open). */
        @Override
        public Object evaluate(Object object) {
            Object s = start().evaluate(object);
            Object e = end().evaluate(object);
            return new Object[] {OPEN.equals(s) ? null : s, OPEN.equals(e) ? null : e};
        }
    }
}
