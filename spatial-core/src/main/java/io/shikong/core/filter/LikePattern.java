package io.shikong.core.filter;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import org.geotools.api.filter.PropertyIsLike;

/**
 * A {@code PropertyIsLike} pattern compiled for matching in memory, in time linear in the pattern times the
 * value at worst, whatever the pattern: runs of the wildcard are one wildcard, and the text between wildcards
 * is matched greedily, each segment at its first place (the classic wildcard match, which never needs to go
 * back further than the last wildcard). A regular expression with one {@code .*} per wildcard backtracks
 * catastrophically on {@code *a*a*a*…#}; JDK's regex has no non-backtracking mode and no library on Maven
 * Central offers a LIKE matcher for GeoTools filters, hence this class. It serves both places that match
 * LIKE in memory: style rule filters ({@code styles}) and the embedded store's SQL {@code LIKE}
 * ({@code store-jdbc}'s {@code LinearLike}, with {@code %}, {@code _} and {@code \}).
 *
 * <p>Semantics as FES 2.0: {@code wildCard} matches any run of characters (also none), {@code singleChar}
 * exactly one, {@code escapeChar} makes the next character literal; case is ignored unless
 * {@code matchCase}. An empty wildcard or single character never matches as such (they are taken
 * literally). Instances are immutable and thread-safe.
 */
public final class LikePattern {

    /** One character of a segment: a literal, or {@link #ANY} for the single-character wildcard. */
    private static final int ANY = -1;
    /** Compiled patterns per filter: style rules are evaluated per feature, compiled once per distinct filter. */
    private static final Map<Key, LikePattern> CACHE = new ConcurrentHashMap<>();
    private static final int CACHE_SIZE = 1024;

    private record Key(String literal, String wild, String single, String escape, boolean matchCase) {
    }

    /** Literal runs between wildcards, each as code points ({@link #ANY} for a single-character wildcard). */
    private final int[][] segments;
    private final boolean leadingWildcard;
    private final boolean trailingWildcard;
    private final boolean matchCase;
    private final int wildcards;
    private final int minLength;

    private LikePattern(int[][] segments, boolean leading, boolean trailing, boolean matchCase, int wildcards) {
        this.segments = segments;
        this.leadingWildcard = leading;
        this.trailingWildcard = trailing;
        this.matchCase = matchCase;
        this.wildcards = wildcards;
        int min = 0;
        for (int[] s : segments) {
            min += s.length;
        }
        this.minLength = min;
    }

    /** The pattern of a filter, compiled once per distinct pattern (a bounded cache). */
    public static LikePattern of(PropertyIsLike like) {
        Key key = new Key(like.getLiteral(), like.getWildCard(), like.getSingleChar(), like.getEscape(),
                like.isMatchingCase());
        LikePattern p = CACHE.get(key);
        if (p == null) {
            p = compile(key.literal(), key.wild(), key.single(), key.escape(), key.matchCase());
            if (CACHE.size() >= CACHE_SIZE) {
                CACHE.clear(); // rare: many distinct SLD_BODY patterns; recompiling is cheap
            }
            CACHE.put(key, p);
        }
        return p;
    }

    /**
     * Compiles a pattern.
     *
     * @param wildCard   the multi-character wildcard, {@code null} or empty for none
     * @param singleChar the single-character wildcard, {@code null} or empty for none
     * @param escape     the escape, {@code null} or empty for none
     */
    public static LikePattern compile(String pattern, String wildCard, String singleChar, String escape, boolean matchCase) {
        Objects.requireNonNull(pattern, "pattern");
        List<int[]> segments = new ArrayList<>();
        List<Integer> current = new ArrayList<>();
        boolean leading = false;
        boolean lastWasWild = false;
        int wildcards = 0;
        int i = 0;
        while (i < pattern.length()) {
            if (nonEmpty(escape) && pattern.startsWith(escape, i) && i + escape.length() < pattern.length()) {
                int cp = pattern.codePointAt(i + escape.length());
                current.add(fold(cp, matchCase));
                i += escape.length() + Character.charCount(cp);
                lastWasWild = false;
            } else if (nonEmpty(wildCard) && pattern.startsWith(wildCard, i)) {
                wildcards++;
                if (segments.isEmpty() && current.isEmpty() && !lastWasWild) {
                    leading = true;
                } else if (!lastWasWild) {
                    segments.add(toArray(current));
                    current.clear();
                }
                lastWasWild = true;
                i += wildCard.length();
            } else if (nonEmpty(singleChar) && pattern.startsWith(singleChar, i)) {
                current.add(ANY);
                i += singleChar.length();
                lastWasWild = false;
            } else {
                int cp = pattern.codePointAt(i);
                current.add(fold(cp, matchCase));
                i += Character.charCount(cp);
                lastWasWild = false;
            }
        }
        boolean trailing = lastWasWild;
        if (!trailing) {
            segments.add(toArray(current));
        }
        return new LikePattern(segments.toArray(new int[0][]), leading, trailing, matchCase, wildcards);
    }

    /** How many multi-character wildcards the pattern has (before runs are merged). */
    public int wildcards() {
        return wildcards;
    }

    /** Whether {@code value} matches the whole pattern. */
    public boolean matches(String value) {
        int[] v = value.codePoints().map(c -> fold(c, matchCase)).toArray();
        if (v.length < minLength) {
            return false;
        }
        if (!leadingWildcard && !trailingWildcard && segments.length == 1) {
            return v.length == segments[0].length && at(v, 0, segments[0]);
        }
        int from = 0;
        int first = 0;
        int last = segments.length;
        if (!leadingWildcard) {
            if (!at(v, 0, segments[0])) {
                return false;
            }
            from = segments[0].length;
            first = 1;
        }
        int end = v.length;
        if (!trailingWildcard) {
            int[] tail = segments[segments.length - 1];
            if (end - tail.length < from || !at(v, end - tail.length, tail)) {
                return false;
            }
            end -= tail.length;
            last = segments.length - 1;
        }
        // between wildcards: each segment at its first place after the previous one (greedy is exact here,
        // since a wildcard on both sides absorbs whatever lies between)
        for (int s = first; s < last; s++) {
            int at = find(v, from, end, segments[s]);
            if (at < 0) {
                return false;
            }
            from = at + segments[s].length;
        }
        return from <= end;
    }

    private static int find(int[] v, int from, int end, int[] segment) {
        for (int i = from; i + segment.length <= end; i++) {
            if (at(v, i, segment)) {
                return i;
            }
        }
        return -1;
    }

    private static boolean at(int[] v, int offset, int[] segment) {
        if (offset + segment.length > v.length) {
            return false;
        }
        for (int j = 0; j < segment.length; j++) {
            if (segment[j] != ANY && segment[j] != v[offset + j]) {
                return false;
            }
        }
        return true;
    }

    private static int fold(int cp, boolean matchCase) {
        return matchCase ? cp : Character.toLowerCase(Character.toUpperCase(cp));
    }

    private static boolean nonEmpty(String s) {
        return s != null && !s.isEmpty();
    }

    private static int[] toArray(List<Integer> l) {
        int[] a = new int[l.size()];
        for (int i = 0; i < a.length; i++) {
            a[i] = l.get(i);
        }
        return a;
    }

    @Override
    public String toString() {
        return "LikePattern[" + segments.length + " segments, " + wildcards + " wildcards"
                + (matchCase ? "" : ", ignoring case").toLowerCase(Locale.ROOT) + "]";
    }
}
