package io.shikong.core.fuzz;

import io.shikong.core.error.ShikongException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;

/**
 * What the fuzz tests of every module share (this is spatial-core's test-jar): generators of request text that
 * mutate valid inputs (truncate, delete, duplicate, swap, insert odd tokens, nest, repeat, odd numbers) or are
 * random, and the property every reader must keep: it returns a value or throws a {@link ShikongException} with a
 * 4xx status, never another exception, never a hang.
 *
 * <p>Tries per property are jqwik's ({@code jqwik.tries.default} in each module's
 * {@code junit-platform.properties}, 1000; {@code -Djqwik.tries.default=100000} fuzzes longer).
 */
public final class Fuzz {

    /** How long one try may take before it counts as a hang: generous, a try takes milliseconds. */
    public static final long TRY_SECONDS = 20;

    /**
     * The most characters a repeat mutation makes of its part: chained repeats (up to five mutations of up to
     * 200 copies each) once asked {@link String#repeat} for more than a String can hold, an OutOfMemoryError that
     * broke the test run; the readers' own size limits are tested with their limits, not here.
     */
    static final int MAX_REPEATED = 1_000_000;

    /**
     * Odd tokens inserted into and swapped for parts of valid inputs: separators, quotes, markup, numbers that
     * are no finite doubles or overflow an int or long, control characters, lone surrogates, wide characters.
     */
    public static final List<String> TOKENS = List.of("", " ", "  ", "(", ")", "((", "))", "[", "]", "{", "}", ",", ",,",
            ";", ":", "'", "''", "\"", "<", ">", "</", "/>", "&", "&amp;", "&#0;", "&#x1F600;", "&#xD800;", "]]>",
            "<![CDATA[", "<!--", "<?xml version=\"1.0\"?>", "=", "==", "%", "%%", "*", "?", "\\", "#", "!", ".", "..",
            "-", "+", "/", "//", "|", "NaN", "-NaN", "Infinity", "-Infinity", "inf", "1e309", "-1e309", "1e-400",
            "4.9e-324", "1.7976931348623157E308", "9".repeat(400), "0x1p3", "1d", "1f", "-0", "-0.0", "0", "-1",
            "2147483647", "2147483648", "-2147483649", "9223372036854775807", "9223372036854775808",
            "-9223372036854775809", "\u0000", "\u0001", "\u001f", "\u007f", "\u0085", "\u00a0", "\u2028", "\u202e",
            "\ufeff", "\ufffd", "\uffff", "\ud800", "\udc00", "\ud83d\ude00", "北京", "İ", "ß", "ﬀ", "\r\n", "\n",
            "\t", "null", "true", "false", "[]", "{}", "EMPTY", "POINT EMPTY", "T", "Z", "+08:00", "P1D", "PT1H",
            "9999-12-31T23:59:59Z", "0000-00-00", "-999999999-01-01", "2020-02-30", "24:00", "EPSG:", "EPSG:0",
            "EPSG:99999999999", "urn:ogc:def:crs:EPSG::", "CRS:84", "AND", "OR", "NOT", "LIKE", "IN", "BETWEEN",
            "INCLUDE", "EXCLUDE", "xmlns=\"\"", "xmlns:a=\"urn:a\"");

    /** What a nesting mutation wraps a part of an input in, when a test names none of its own. */
    public static final List<String[]> WRAPPERS = List.of(new String[] {"(", ")"}, new String[] {"[", "]"},
            new String[] {"{\"a\":", "}"}, new String[] {"[[", "]]"}, new String[] {"<a>", "</a>"},
            new String[] {"NOT (", ")"}, new String[] {"abs(", ")"}, new String[] {"'", "'"},
            new String[] {"GEOMETRYCOLLECTION(", ")"}, new String[] {"{\"type\":\"GeometryCollection\",\"geometries\":[", "]}"},
            new String[] {"<fes:Not>", "</fes:Not>"}, new String[] {"<gml:MultiGeometry><gml:geometryMember>",
                "</gml:geometryMember></gml:MultiGeometry>"});

    private static final ExecutorService TRIES = Executors.newCachedThreadPool(r -> {
        Thread t = new Thread(r, "fuzz-try");
        t.setDaemon(true);
        return t;
    });

    private Fuzz() {
    }

    /** One change of an input; where it applies is a fraction of the input's length, so it fits any input. */
    public record Mutation(int kind, double at, double to, String token, int times, String[] wrapper) {

        String apply(String s) {
            int n = s.length();
            int a = (int) (at * n);
            int b = Math.min(n, a + (int) (to * (n - a)));
            return switch (kind) {
                case 0 -> s.substring(0, a); // truncate
                case 1 -> s.substring(0, a) + s.substring(b); // delete
                case 2 -> s.substring(0, b) + s.substring(a, b) + s.substring(b); // duplicate
                case 3 -> swap(s, a, b); // swap two characters
                case 4 -> s.substring(0, a) + token + s.substring(a); // insert
                case 5 -> s.substring(0, a) + token + s.substring(b); // replace
                case 6 -> s.substring(0, a) + wrapper[0].repeat(times) + s.substring(a, b) + wrapper[1].repeat(times)
                        + s.substring(b); // nest, up to thousands of levels
                case 7 -> s.substring(0, a) + s.substring(a, b).repeat(repeats(b - a)) + s.substring(b); // repeat
                case 8 -> number(s, a); // an odd number for the number at or after a
                default -> s.substring(0, a) + s.substring(a, b).toUpperCase(java.util.Locale.ROOT) + s.substring(b);
            };
        }

        /** Copies of a part of {@code length} characters: {@code times}, at most 200 and {@link #MAX_REPEATED} characters. */
        int repeats(int length) {
            int n = Math.min(times, 200);
            return length == 0 ? n : Math.max(1, Math.min(n, MAX_REPEATED / length));
        }

        private String number(String s, int from) {
            int i = from;
            while (i < s.length() && !Character.isDigit(s.charAt(i))) {
                i++;
            }
            int j = i;
            while (j < s.length() && (Character.isDigit(s.charAt(j)) || s.charAt(j) == '.')) {
                j++;
            }
            return s.substring(0, i) + token + s.substring(j);
        }

        private static String swap(String s, int a, int b) {
            if (a >= s.length() || b >= s.length()) {
                return s;
            }
            char[] c = s.toCharArray();
            char t = c[a];
            c[a] = c[b];
            c[b] = t;
            return new String(c);
        }
    }

    /** A token: mostly an odd one, sometimes random text. */
    public static Arbitrary<String> tokens() {
        return Arbitraries.frequencyOf(
                net.jqwik.api.Tuple.of(4, Arbitraries.of(TOKENS)),
                net.jqwik.api.Tuple.of(1, Arbitraries.strings().all().ofMaxLength(12)));
    }

    /**
     * One mutation; a nesting one (the most frequent kind: stacks overflow there) wraps a part in one of
     * {@code wrappers}, mostly a few levels deep, now and then up to 20,000.
     */
    public static Arbitrary<Mutation> mutations(List<String[]> wrappers) {
        Arbitrary<Integer> kinds = Arbitraries.frequencyOf(
                net.jqwik.api.Tuple.of(8, Arbitraries.integers().between(0, 9)),
                net.jqwik.api.Tuple.of(3, Arbitraries.just(6)));
        Arbitrary<Integer> times = Arbitraries.frequencyOf(
                net.jqwik.api.Tuple.of(3, Arbitraries.integers().between(1, 80)),
                net.jqwik.api.Tuple.of(1, Arbitraries.integers().between(80, 20_000)));
        return Combinators.combine(kinds, Arbitraries.doubles().between(0, 1), Arbitraries.doubles().between(0, 1),
                tokens(), times, Arbitraries.of(wrappers)).as(Mutation::new);
    }

    /** One mutation, nesting in the {@link #WRAPPERS}. */
    public static Arbitrary<Mutation> mutations() {
        return mutations(WRAPPERS);
    }

    /** Valid inputs with one to five mutations each, nesting in {@code wrappers}. */
    public static Arbitrary<String> mutated(List<String> valid, List<String[]> wrappers) {
        return Combinators.combine(Arbitraries.of(valid), mutations(wrappers).list().ofMinSize(1).ofMaxSize(5))
                .as(Fuzz::apply);
    }

    /** Valid inputs with one to five mutations each. */
    public static Arbitrary<String> mutated(List<String> valid) {
        return mutated(valid, WRAPPERS);
    }

    /** Mutated valid inputs (nesting in {@code wrappers}), now and then a valid one untouched or random text. */
    public static Arbitrary<String> inputs(List<String> valid, List<String[]> wrappers) {
        return Arbitraries.frequencyOf(
                net.jqwik.api.Tuple.of(16, mutated(valid, wrappers)),
                net.jqwik.api.Tuple.of(2, Arbitraries.of(valid)),
                net.jqwik.api.Tuple.of(1, Arbitraries.strings().all().ofMaxLength(300)),
                net.jqwik.api.Tuple.of(1, tokens().list().ofMaxSize(40).map(l -> String.join("", l))));
    }

    /** Mutated valid inputs, now and then a valid one untouched or random text. */
    public static Arbitrary<String> inputs(List<String> valid) {
        return inputs(valid, WRAPPERS);
    }

    /** {@code input} with {@code mutations} applied in turn. */
    public static String apply(String input, List<Mutation> mutations) {
        String s = input;
        for (Mutation m : mutations) {
            s = m.apply(s);
        }
        return s;
    }

    /**
     * The fuzz property: {@code read} returns, or throws a {@link ShikongException} whose status is a 4xx (or
     * 501, OGC's status for an operation or option the service does not have), within {@link #TRY_SECONDS}.
     *
     * @param input what was read, for the failure message
     * @return what {@code read} returned, {@code null} when it refused the input
     * @throws AssertionError naming the input and the exception otherwise
     */
    public static <T> T readsOrRefuses(Object input, Callable<T> read) {
        Future<T> f = TRIES.submit(read);
        try {
            return f.get(TRY_SECONDS, TimeUnit.SECONDS);
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            if (cause instanceof ShikongException se && acceptable(se.status())) {
                return null;
            }
            throw new AssertionError("not a 4xx for " + show(input) + ": " + cause, cause);
        } catch (TimeoutException e) {
            f.cancel(true);
            throw new AssertionError("no answer within " + TRY_SECONDS + " s for " + show(input));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    /** A 4xx, or 501 (OGC's OperationNotSupported and OptionNotSupported): the caller's, not a failure. */
    public static boolean acceptable(int status) {
        return status >= 400 && status < 500 || status == 501;
    }

    /** An input for a failure message, shortened when long. */
    public static String show(Object input) {
        String s = String.valueOf(input);
        return s.length() <= 600 ? "'" + s + "'" : "'" + s.substring(0, 300) + " ... " + s.substring(s.length() - 200)
                + "' (" + s.length() + " characters)";
    }

    /** Key-value pairs of a query string, as the server hands them to the readers (not decoded: fuzz text). */
    public static java.util.Map<String, List<String>> kvp(String query) {
        java.util.Map<String, List<String>> params = new java.util.LinkedHashMap<>();
        for (String kv : query.split("&")) {
            if (kv.isEmpty()) {
                continue;
            }
            String[] p = kv.split("=", 2);
            params.computeIfAbsent(p[0], k -> new ArrayList<>()).add(p.length > 1 ? p[1] : "");
        }
        return params;
    }
}
