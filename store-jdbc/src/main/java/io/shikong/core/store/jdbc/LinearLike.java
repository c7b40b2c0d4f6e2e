package io.shikong.core.store.jdbc;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * SQL {@code LIKE} (with {@code %}, {@code _} and the escape {@code \}) matched without backtracking, for the
 * embedded store: H2's LIKE tries every split of the value for each {@code %}, so {@code %a%a%a…#} against
 * a long text runs for ages on one row, where no statement timeout can stop it. Here runs of {@code %} are
 * one, and each literal segment between them is matched at its first place (exact, since a {@code %} on both
 * sides absorbs what lies between): time bounded by pattern × value. The SQL function
 * {@code SHIKONG_LIKE(value, pattern, matchCase)}; a null value is null, as LIKE answers.
 */
public final class LinearLike {

    /** Name of the SQL function. */
    public static final String FUNCTION = "SHIKONG_LIKE";
    private static final int ANY = -1;

    private LinearLike() {
    }

    /** Whether {@code value} matches the SQL LIKE {@code pattern} (escape {@code \}). */
    public static Boolean like(String value, String pattern, Boolean matchCase) {
        if (value == null || pattern == null) {
            return null;
        }
        boolean exact = Boolean.TRUE.equals(matchCase);
        List<int[]> segments = new ArrayList<>();
        List<Integer> current = new ArrayList<>();
        boolean leading = false;
        boolean lastWild = false;
        for (int i = 0; i < pattern.length(); ) {
            int cp = pattern.codePointAt(i);
            i += Character.charCount(cp);
            if (cp == '\\' && i < pattern.length()) {
                int lit = pattern.codePointAt(i);
                i += Character.charCount(lit);
                current.add(fold(lit, exact));
                lastWild = false;
            } else if (cp == '%') {
                if (segments.isEmpty() && current.isEmpty() && !lastWild) {
                    leading = true;
                } else if (!lastWild) {
                    segments.add(current.stream().mapToInt(Integer::intValue).toArray());
                    current.clear();
                }
                lastWild = true;
            } else {
                current.add(cp == '_' ? ANY : fold(cp, exact));
                lastWild = false;
            }
        }
        boolean trailing = lastWild;
        if (!trailing) {
            segments.add(current.stream().mapToInt(Integer::intValue).toArray());
        }
        int[] v = value.codePoints().map(c -> fold(c, exact)).toArray();
        int first = 0;
        int last = segments.size();
        int from = 0;
        int end = v.length;
        if (!leading && !trailing && segments.size() == 1) {
            return v.length == segments.get(0).length && at(v, 0, segments.get(0));
        }
        if (!leading) {
            if (!at(v, 0, segments.get(0))) {
                return false;
            }
            from = segments.get(0).length;
            first = 1;
        }
        if (!trailing) {
            int[] tail = segments.get(segments.size() - 1);
            if (end - tail.length < from || !at(v, end - tail.length, tail)) {
                return false;
            }
            end -= tail.length;
            last = segments.size() - 1;
        }
        for (int s = first; s < last; s++) {
            int[] seg = segments.get(s);
            int found = -1;
            for (int i = from; i + seg.length <= end; i++) {
                if (at(v, i, seg)) {
                    found = i;
                    break;
                }
            }
            if (found < 0) {
                return false;
            }
            from = found + seg.length;
        }
        return from <= end;
    }

    private static boolean at(int[] v, int offset, int[] seg) {
        if (offset < 0 || offset + seg.length > v.length) {
            return false;
        }
        for (int j = 0; j < seg.length; j++) {
            if (seg[j] != ANY && seg[j] != v[offset + j]) {
                return false;
            }
        }
        return true;
    }

    private static int fold(int cp, boolean exact) {
        return exact ? cp : Character.toLowerCase(Character.toUpperCase(cp));
    }

    @Override
    public String toString() {
        return FUNCTION.toLowerCase(Locale.ROOT);
    }
}
