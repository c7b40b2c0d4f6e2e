package io.shikong.core.encode;

/**
 * Doubles as text for the encoders (GML coordinates, GeoJSON numbers), written into a caller's buffer without
 * allocating: the shortest decimal that reads back as the same double, in plain notation. Java's
 * {@code Double.toString} (FloatingDecimal) was the largest single cost of writing coordinates; this finds
 * the digits by trying 0, 1, 2, ... fraction digits and keeping the first that reads back exactly
 * ({@code m / 10^k == v}, exact in IEEE arithmetic while {@code m < 2^53}). The text is the same as
 * {@code Double.toString} gives for 0.001 ≤ |v| < 10^7 (at least one fraction digit: {@code 5.0}) wherever
 * that one is shortest, as it is for coordinates; from 10^7 to 10^15 it stays plain ({@code 4627000.25},
 * {@code 13741234.5}) where {@code Double.toString} switches to {@code 1.37412345E7}. Values whose shortest
 * digits do not fit in 2^53 (17 significant digits), very small or large ones, NaN and the infinities are
 * written as {@code Double.toString} writes them.
 */
public final class DoubleText {

    /** The longest text written: {@code Double.toString} of any double is at most 24 characters. */
    public static final int MAX_LENGTH = 26;

    private static final double[] POW10 = new double[18];
    private static final double TWO_53 = 9007199254740992.0;

    static {
        double p = 1;
        for (int i = 0; i < POW10.length; i++) {
            POW10[i] = p;
            p *= 10;
        }
    }

    private DoubleText() {
    }

    /** Writes {@code v} as ASCII at {@code pos} (room for {@link #MAX_LENGTH} bytes needed); returns the end. */
    public static int write(double v, byte[] b, int pos) {
        long mk = shortest(v);
        if (mk >= 0) {
            if (v < 0 || (v == 0 && Double.doubleToRawLongBits(v) != 0)) {
                b[pos++] = '-';
            }
            long m = mk >>> 5;
            int k = (int) (mk & 31);
            int n = length(m);
            int end = pos + Math.max(1, n - k) + 1 + Math.max(1, k);
            int i = end - 1;
            if (k == 0) {
                b[i--] = '0';
            }
            for (int w = 0; w < k; w++) {
                b[i--] = (byte) ('0' + (m % 10));
                m /= 10;
            }
            b[i--] = '.';
            do {
                b[i--] = (byte) ('0' + (m % 10));
                m /= 10;
            } while (m != 0);
            return end;
        }
        String s = Double.toString(v);
        for (int i = 0; i < s.length(); i++) {
            b[pos++] = (byte) s.charAt(i);
        }
        return pos;
    }

    /** As {@link #write(double, byte[], int)}, into chars (for JSON generators). */
    public static int write(double v, char[] c, int pos) {
        long mk = shortest(v);
        if (mk >= 0) {
            if (v < 0 || (v == 0 && Double.doubleToRawLongBits(v) != 0)) {
                c[pos++] = '-';
            }
            long m = mk >>> 5;
            int k = (int) (mk & 31);
            int n = length(m);
            int end = pos + Math.max(1, n - k) + 1 + Math.max(1, k);
            int i = end - 1;
            if (k == 0) {
                c[i--] = '0';
            }
            for (int w = 0; w < k; w++) {
                c[i--] = (char) ('0' + (m % 10));
                m /= 10;
            }
            c[i--] = '.';
            do {
                c[i--] = (char) ('0' + (m % 10));
                m /= 10;
            } while (m != 0);
            return end;
        }
        String s = Double.toString(v);
        s.getChars(0, s.length(), c, pos);
        return pos + s.length();
    }

    /** The text of {@code v}, for callers that need a String. */
    public static String toString(double v) {
        byte[] b = new byte[MAX_LENGTH];
        return new String(b, 0, write(v, b, 0), java.nio.charset.StandardCharsets.US_ASCII);
    }

    /**
     * The shortest {@code m / 10^k} that reads back as |v|, packed as {@code m << 5 | k}; -1 when |v| is out of
     * the plain range (then {@code Double.toString}). Zero is {@code 0 / 10^0}.
     */
    private static long shortest(double v) {
        double a = Math.abs(v);
        if (a == 0) {
            return 0;
        }
        if (!(a >= 1e-3 && a < 1e15)) {
            return -1;
        }
        for (int k = 0; k < POW10.length; k++) {
            double s = a * POW10[k];
            if (s >= TWO_53) {
                return -1;
            }
            long m = (long) (s + 0.5);
            if (m / POW10[k] == a) {
                return m << 5 | k;
            }
        }
        return -1;
    }

    private static int length(long m) {
        int n = 1;
        while (m >= 10) {
            m /= 10;
            n++;
        }
        return n;
    }
}
