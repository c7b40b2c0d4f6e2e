package io.shikong.core.encode;

import java.time.Instant;

/**
 * Instants as {@link Instant#toString()} writes them (ISO-8601 in UTC, {@code 2020-01-01T00:00:00Z}, the fraction
 * of a second in groups of three digits, as many as needed), written as ASCII into a caller's buffer without the
 * {@code DateTimeFormatter} and the {@code StringBuilder} per value that {@code toString} costs. Years 0 to 9999
 * only; others (which {@code toString} writes with a sign or more digits) go through {@code toString}.
 */
public final class InstantText {

    /** The longest text written on the fast path ({@code 2020-01-01T00:00:00.123456789Z}); others may be longer. */
    public static final int MAX_LENGTH = 40;

    /** 0000-01-01T00:00:00Z and 10000-01-01T00:00:00Z in epoch seconds. */
    private static final long MIN = -62167219200L;
    private static final long MAX = 253402300800L;

    private InstantText() {
    }

    /** Writes {@code t} at {@code pos} ({@link #MAX_LENGTH} bytes of room); returns the end. */
    public static int write(Instant t, byte[] b, int pos) {
        long s = t.getEpochSecond();
        if (s < MIN || s >= MAX) {
            String text = t.toString();
            for (int i = 0; i < text.length(); i++) {
                b[pos++] = (byte) text.charAt(i);
            }
            return pos;
        }
        long days = Math.floorDiv(s, 86400);
        int secs = (int) Math.floorMod(s, 86400);
        // civil from days (H. Hinnant), proleptic Gregorian as java.time
        long z = days + 719468;
        long era = Math.floorDiv(z, 146097);
        long doe = z - era * 146097;
        long yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
        long doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
        long mp = (5 * doy + 2) / 153;
        int day = (int) (doy - (153 * mp + 2) / 5 + 1);
        int month = (int) (mp < 10 ? mp + 3 : mp - 9);
        int year = (int) (yoe + era * 400 + (month <= 2 ? 1 : 0));
        pos = digits(year, 4, b, pos);
        b[pos++] = '-';
        pos = digits(month, 2, b, pos);
        b[pos++] = '-';
        pos = digits(day, 2, b, pos);
        b[pos++] = 'T';
        pos = digits(secs / 3600, 2, b, pos);
        b[pos++] = ':';
        pos = digits(secs / 60 % 60, 2, b, pos);
        b[pos++] = ':';
        pos = digits(secs % 60, 2, b, pos);
        int nano = t.getNano();
        if (nano != 0) {
            b[pos++] = '.';
            if (nano % 1_000_000 == 0) {
                pos = digits(nano / 1_000_000, 3, b, pos);
            } else if (nano % 1000 == 0) {
                pos = digits(nano / 1000, 6, b, pos);
            } else {
                pos = digits(nano, 9, b, pos);
            }
        }
        b[pos++] = 'Z';
        return pos;
    }

    /** The text of {@code t}, as {@link Instant#toString()}. */
    public static String toString(Instant t) {
        byte[] b = new byte[MAX_LENGTH];
        return new String(b, 0, write(t, b, 0), java.nio.charset.StandardCharsets.US_ASCII);
    }

    private static int digits(int v, int width, byte[] b, int pos) {
        for (int i = pos + width - 1; i >= pos; i--) {
            b[i] = (byte) ('0' + v % 10);
            v /= 10;
        }
        return pos + width;
    }
}
