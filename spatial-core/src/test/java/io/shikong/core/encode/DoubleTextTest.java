package io.shikong.core.encode;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class DoubleTextTest {

    private static String bytes(double v) {
        byte[] b = new byte[DoubleText.MAX_LENGTH];
        return new String(b, 0, DoubleText.write(v, b, 0), StandardCharsets.US_ASCII);
    }

    private static String chars(double v) {
        char[] c = new char[DoubleText.MAX_LENGTH];
        return new String(c, 0, DoubleText.write(v, c, 0));
    }

    @Test
    void writesWhatDoubleToStringWritesInThePlainRange() {
        double[] values = {0.0, -0.0, 5.0, -5.0, 0.5, 0.001, 0.0012, 123.4, 41.8, 123.4662110, -73.98765432,
                999999.9999, 1234567.0, 9999999.0, 0.1 + 0.2, 1.0 / 3, Math.PI * 100, 4629511.995, 41535737.204 / 10};
        for (double v : values) {
            assertEquals(Double.toString(v), bytes(v), "bytes of " + v);
            assertEquals(Double.toString(v), chars(v), "chars of " + v);
        }
    }

    @Test
    void staysPlainUpTo1e15AndFallsBackOutsideTheRange() {
        assertEquals("13741234.5", bytes(13741234.5));
        assertEquals("-20037508.34278924", bytes(-20037508.34278924));
        assertEquals(Double.toString(-20037508.342789244), bytes(-20037508.342789244)); // 17 digits: Java's text
        assertEquals("41535737.204", bytes(41535737.204));
        assertEquals("1.0E-4", bytes(1e-4));
        assertEquals("-1.5E20", bytes(-1.5e20));
        assertEquals("NaN", bytes(Double.NaN));
        assertEquals("-Infinity", chars(Double.NEGATIVE_INFINITY));
    }

    @Test
    void everyTextReadsBackAsTheSameDoubleAndIsNoLongerThanJavas() {
        SplittableRandom r = new SplittableRandom(20261130);
        for (int i = 0; i < 300_000; i++) {
            double v = switch (i % 6) {
                case 0 -> 120 + r.nextDouble() * 5;                                  // longitudes, full precision
                case 1 -> Math.round((40 + r.nextDouble() * 3) * 1e7) / 1e7;          // latitudes, 7 decimals
                case 2 -> (r.nextDouble() - 0.5) * 4e7;                               // web mercator metres
                case 3 -> Math.round(r.nextDouble() * 1e9) / 100.0;                   // centimetres
                case 4 -> Double.longBitsToDouble(r.nextLong());                      // anything
                default -> r.nextDouble() * Math.pow(10, r.nextInt(-4, 16));
            };
            String text = bytes(v);
            assertEquals(Double.doubleToLongBits(v), Double.doubleToLongBits(Double.parseDouble(text)), text);
            assertEquals(text, chars(v));
            String java = Double.toString(v);
            if (!java.contains("E")) {
                assertTrue(text.length() <= java.length(), text + " longer than " + java);
            }
        }
    }
}
