package io.shikong.core.store.jdbc;

import io.shikong.core.filter.LikePattern;
import java.util.Locale;

/**
 * SQL {@code LIKE} (with {@code %}, {@code _} and the escape {@code \}) matched without backtracking, for the
 * embedded store: H2's LIKE tries every split of the value for each {@code %}, so {@code %a%a%a…#} against
 * a long text runs for ages on one row, where no statement timeout can stop it. The matching is
 * {@link LikePattern}'s (runs of {@code %} are one, each literal segment matched at its first place: time
 * bounded by pattern × value), the same as style rule filters use. The SQL function
 * {@code SHIKONG_LIKE(value, pattern, matchCase)}; a null value is null, as LIKE answers.
 */
public final class LinearLike {

    /** Name of the SQL function. */
    public static final String FUNCTION = "SHIKONG_LIKE";

    private LinearLike() {
    }

    /** Whether {@code value} matches the SQL LIKE {@code pattern} (escape {@code \}). */
    public static Boolean like(String value, String pattern, Boolean matchCase) {
        if (value == null || pattern == null) {
            return null;
        }
        return LikePattern.compile(pattern, "%", "_", "\\", Boolean.TRUE.equals(matchCase)).matches(value);
    }

    @Override
    public String toString() {
        return FUNCTION.toLowerCase(Locale.ROOT);
    }
}
