package io.shikong.samples;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.SplittableRandom;

/**
 * The fixed time frame of the samples. Never the clock: the same seed gives the same valid times
 * whenever it runs. Records (POIs, street-view captures, inspections) start between {@link #FIRST_START}
 * and {@link #FIRST_END}; the city's fabric starts earlier, when it was built ({@link #CITY_FIRST_YEAR}
 * on: buildings from their construction, pipelines from their installation, red lines from their
 * designation). Every change happened before {@link #EPOCH}.
 */
final class SampleTimes {

    /** Earliest first version of a record. */
    static final Instant FIRST_START = Instant.parse("2015-01-01T00:00:00Z");
    /** First versions (of records, and the latest buildings and pipes) start before this. */
    static final Instant FIRST_END = Instant.parse("2024-06-30T00:00:00Z");
    /** The generation epoch: every change happened before it. */
    static final Instant EPOCH = Instant.parse("2025-06-30T00:00:00Z");

    /** Shenyang civil time, for dates such as the day of an inspection. */
    static final ZoneOffset SHENYANG = ZoneOffset.ofHours(8);

    /** The first year of the city's story: the oldest sample building was built in it. */
    static final int CITY_FIRST_YEAR = 1955;

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
        return within(r, after, EPOCH, n);
    }

    /**
     * {@code n} strictly increasing instants after {@code after} and before {@code until}, at least a day
     * apart (and from both ends), whole seconds; there must be more than {@code n + 1} days between them.
     */
    static Instant[] within(SplittableRandom r, Instant after, Instant until, int n) {
        long start = after.getEpochSecond();
        long room = until.getEpochSecond() - start - (n + 1) * DAY;
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

    /**
     * A year from eras with weights per year: {@code eras} holds the first year of each era and, last, the
     * year after the final era; {@code perYear} one weight per era. E.g. {@code ({1955, 1978, 2025}, {1, 3})}
     * makes each year from 1978 on three times as likely as each year before.
     */
    static int year(SplittableRandom r, int[] eras, int[] perYear) {
        int[] weights = new int[perYear.length];
        for (int i = 0; i < perYear.length; i++) {
            weights[i] = (eras[i + 1] - eras[i]) * perYear[i];
        }
        int era = FeatureRandom.weighted(r, weights);
        return r.nextInt(eras[era], eras[era + 1]);
    }

    /**
     * An instant of a year in Shenyang, whole seconds, before {@code cap} (which must be more than a day
     * after the year's start).
     */
    static Instant during(SplittableRandom r, int year, Instant cap) {
        long start = startOf(year).getEpochSecond();
        long end = Math.min(startOf(year + 1).getEpochSecond(), cap.getEpochSecond());
        return Instant.ofEpochSecond(r.nextLong(start, end));
    }

    /** New Year's midnight of a year in Shenyang. */
    static Instant startOf(int year) {
        return LocalDate.of(year, 1, 1).atStartOfDay().toInstant(SHENYANG);
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
