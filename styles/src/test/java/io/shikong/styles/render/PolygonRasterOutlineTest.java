package io.shikong.styles.render;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * {@link PolygonRaster}'s outline (its two miter offset rings, their coverages subtracted) on squares whose coverage
 * is known exactly, whichever way the rings turn: a 1 px outline on pixel centres inks whole pixels (square corners:
 * the miter), one on pixel edges half of each pixel either side (at a corner a quarter outside, three quarters inside), a hole gets its own
 * outline, and nothing else is inked.
 */
class PolygonRasterOutlineTest {

    private static final int SIZE = 32;
    private static final int BLACK = 0xFF000000;

    private static int[] draw(double[] xy, int[] ends) {
        int[] argb = new int[SIZE * SIZE];
        assertThat(new PolygonRaster(argb, SIZE, SIZE).draw(new PolygonRaster.Poly(xy, ends, 0, BLACK, 0.5), 0, SIZE)).isTrue();
        return argb;
    }

    private static double[] square(double lo, double hi, boolean clockwise) {
        return clockwise ? new double[] {lo, lo, hi, lo, hi, hi, lo, hi} : new double[] {lo, lo, lo, hi, hi, hi, hi, lo};
    }

    @ParameterizedTest
    @ValueSource(booleans = {true, false})
    void anOutlineOnPixelCentresInksWholePixels(boolean clockwise) {
        int[] argb = draw(square(10.5, 20.5, clockwise), new int[] {4});
        for (int y = 0; y < SIZE; y++) {
            for (int x = 0; x < SIZE; x++) {
                boolean ring = x >= 10 && x <= 20 && y >= 10 && y <= 20 && (x == 10 || x == 20 || y == 10 || y == 20);
                assertThat(argb[y * SIZE + x]).as("pixel %d, %d", x, y).isEqualTo(ring ? BLACK : 0);
            }
        }
    }

    @ParameterizedTest
    @ValueSource(booleans = {true, false})
    void anOutlineOnPixelEdgesInksHalvesAndQuarters(boolean clockwise) {
        int[] argb = draw(square(10, 20, clockwise), new int[] {4});
        for (int y = 0; y < SIZE; y++) {
            for (int x = 0; x < SIZE; x++) {
                boolean xEdge = x == 9 || x == 10 || x == 19 || x == 20;
                boolean yEdge = y == 9 || y == 10 || y == 19 || y == 20;
                boolean xIn = x >= 9 && x <= 20;
                boolean yIn = y >= 9 && y <= 20;
                boolean xOuter = x == 9 || x == 20;
                boolean yOuter = y == 9 || y == 20;
                // corners: an outer pixel a quarter inked, an inner one three quarters, the others half
                int alpha = xEdge && yEdge ? (xOuter && yOuter ? 64 : !xOuter && !yOuter ? 191 : 128)
                        : (xEdge && yIn) || (yEdge && xIn) ? 128 : 0;
                assertThat(argb[y * SIZE + x] >>> 24).as("alpha of pixel %d, %d", x, y).isEqualTo(alpha);
            }
        }
    }

    @ParameterizedTest
    @ValueSource(booleans = {true, false})
    void aHoleHasItsOwnOutline(boolean holeClockwise) {
        double[] outer = square(4.5, 26.5, true);
        double[] hole = square(12.5, 18.5, holeClockwise);
        double[] xy = new double[16];
        System.arraycopy(outer, 0, xy, 0, 8);
        System.arraycopy(hole, 0, xy, 8, 8);
        int[] argb = draw(xy, new int[] {4, 8});
        for (int y = 0; y < SIZE; y++) {
            for (int x = 0; x < SIZE; x++) {
                boolean ring = x >= 4 && x <= 26 && y >= 4 && y <= 26 && (x == 4 || x == 26 || y == 4 || y == 26);
                boolean holeRing = x >= 12 && x <= 18 && y >= 12 && y <= 18 && (x == 12 || x == 18 || y == 12 || y == 18);
                assertThat(argb[y * SIZE + x]).as("pixel %d, %d", x, y).isEqualTo(ring || holeRing ? BLACK : 0);
            }
        }
    }
}
