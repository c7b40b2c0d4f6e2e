package io.shikong.samples;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.SplittableRandom;

/**
 * The fixed time frame of the samples. Never the clock: the same seed gives the same valid times
 * whenever it runs.
 */
final class SampleTimes {

    /** Earliest first version. */
    static final Instant FIRST_START = Instant.parse("2015-01-01T00:00:00Z");
    /** First versions start before this. */
    static final Instant FIRST_END = Instant.parse("2024-06-30T00:00:00Z");
    /** The generation epoch: every change happened before it. */
    static final Instant EPOCH = Instant.parse("2025-06-30T00:00:00Z");

    /** Shenyang civil time, for dates such as the day of an inspection. */
    static final ZoneOffset SHENYANG = ZoneOffset.ofHours(8);

    private static final long DAY = 86_400;

    private SampleTimes() {
    }

    /** A first-version start, whole seconds, in [FIRST_START, FIRST_END). */
    static Instant first(SplittableRandom r) {
        return Instant.ofEpochSecond(r.nextLong(FIRST_START.getEpochSecond(), FIRST_END.getEpochSecond()));
    }

    /**
     * {@code n} strictly increasing instants after {@code after} and before {@link #EPOCH}, at least a
     * day apart (and from {@code after}), whole seconds. {@code after} must be before FIRST_END so that
     * there is room for up to 300 of them.
     */
    static Instant[] later(SplittableRandom r, Instant after, int n) {
        long start = after.getEpochSecond();
        long room = EPOCH.getEpochSecond() - start - (n + 1) * DAY;
        long[] offsets = new long[n];
        for (int i = 0; i < n; i++) {
            offsets[i] = r.nextLong(room);
        }
        Arrays.sort(offsets);
        Instant[] out = new Instant[n];
        for (int i = 0; i < n; i++) {
            out[i] = Instant.ofEpochSecond(start + (i + 1) * DAY + offsets[i]);
        }
        return out;
    }

    /** The calendar date of an instant in Shenyang. */
    static LocalDate date(Instant t) {
        return t.atOffset(SHENYANG).toLocalDate();
    }

    /** The calendar year of an instant in Shenyang. */
    static int year(Instant t) {
        return t.atOffset(SHENYANG).getYear();
    }
}
