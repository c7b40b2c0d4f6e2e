package io.shikong.core.crs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

/**
 * Published points are from the README and test/app.js of wandergis/coordtransform (the widely used JS
 * library), input lon 116.404, lat 39.915. That library's inverses are one-step approximations, so ours
 * are compared with them loosely and checked exactly by round trip instead.
 */
class ChinaOffsetsTest {

    private static final double LON = 116.404;
    private static final double LAT = 39.915;
    /** Forward formulas must reproduce the published digits. */
    private static final double FORWARD_TOLERANCE = 1e-9;
    /** Our iterative inverses must invert the forward formula to this. */
    private static final double ROUND_TRIP_TOLERANCE = 1e-9;
    /** The library's one-step inverses are off by ~5e-7° (~5 cm) here; 1e-5° (~1 m) is the stated bound. */
    private static final double ONE_STEP_TOLERANCE = 1e-5;

    // --- edge cases first

    @Test
    void nanGivesNanWithoutException() {
        assertThat(ChinaOffsets.wgs84ToGcj02(Double.NaN, LAT)[0]).isNaN();
        assertThat(ChinaOffsets.gcj02ToWgs84(LON, Double.NaN)[1]).isNaN();
        assertThat(ChinaOffsets.gcj02ToBd09(Double.NaN, Double.NaN)).containsOnly(Double.NaN);
        assertThat(ChinaOffsets.bd09ToGcj02(Double.NaN, LAT)[0]).isNaN();
        assertThat(ChinaOffsets.bd09ToWgs84(Double.NaN, LAT)[0]).isNaN();
        assertThat(ChinaOffsets.outOfChina(Double.NaN, Double.NaN)).isFalse();
    }

    @Test
    void outOfChinaRectangle() {
        assertThat(ChinaOffsets.outOfChina(2.35, 48.85)).isTrue();      // Paris
        assertThat(ChinaOffsets.outOfChina(72.003, 30)).isTrue();
        assertThat(ChinaOffsets.outOfChina(137.8348, 30)).isTrue();
        assertThat(ChinaOffsets.outOfChina(100, 0.8292)).isTrue();
        assertThat(ChinaOffsets.outOfChina(100, 55.8272)).isTrue();
        assertThat(ChinaOffsets.outOfChina(Double.POSITIVE_INFINITY, 30)).isTrue();
        assertThat(ChinaOffsets.outOfChina(72.004, 0.8293)).isFalse();
        assertThat(ChinaOffsets.outOfChina(LON, LAT)).isFalse();
    }

    @Test
    void outOfChinaPointsAreUnchangedByGcj02() {
        assertThat(ChinaOffsets.wgs84ToGcj02(2.35, 48.85)).containsExactly(2.35, 48.85);
        assertThat(ChinaOffsets.gcj02ToWgs84(2.35, 48.85)).containsExactly(2.35, 48.85);
        assertThat(ChinaOffsets.wgs84ToGcj02(-74.0, 40.7)).containsExactly(-74.0, 40.7);
    }

    @Test
    void bd09StepAppliesEverywhereAndStillRoundTrips() {
        double[] bd = ChinaOffsets.wgs84ToBd09(2.35, 48.85);
        assertThat(bd[0]).isNotEqualTo(2.35);
        double[] back = ChinaOffsets.bd09ToWgs84(bd[0], bd[1]);
        assertThat(back[0]).isCloseTo(2.35, within(ROUND_TRIP_TOLERANCE));
        assertThat(back[1]).isCloseTo(48.85, within(ROUND_TRIP_TOLERANCE));
    }

    // --- published values

    @Test
    void wgs84ToGcj02MatchesPublished() {
        double[] r = ChinaOffsets.wgs84ToGcj02(LON, LAT);
        assertThat(r[0]).isCloseTo(116.41024449916938, within(FORWARD_TOLERANCE));
        assertThat(r[1]).isCloseTo(39.91640428150164, within(FORWARD_TOLERANCE));
    }

    @Test
    void gcj02ToBd09MatchesPublished() {
        double[] r = ChinaOffsets.gcj02ToBd09(LON, LAT);
        assertThat(r[0]).isCloseTo(116.41036949371029, within(FORWARD_TOLERANCE));
        assertThat(r[1]).isCloseTo(39.92133699351021, within(FORWARD_TOLERANCE));
    }

    @Test
    void gcj02ToWgs84InvertsTheForwardAndIsNearThePublishedApproximation() {
        double[] r = ChinaOffsets.gcj02ToWgs84(LON, LAT);
        double[] forward = ChinaOffsets.wgs84ToGcj02(r[0], r[1]);
        assertThat(forward[0]).isCloseTo(LON, within(ROUND_TRIP_TOLERANCE));
        assertThat(forward[1]).isCloseTo(LAT, within(ROUND_TRIP_TOLERANCE));
        assertThat(r[0]).isCloseTo(116.39775550083061, within(ONE_STEP_TOLERANCE));
        assertThat(r[1]).isCloseTo(39.91359571849836, within(ONE_STEP_TOLERANCE));
    }

    @Test
    void bd09ToGcj02InvertsTheForwardAndIsNearThePublishedApproximation() {
        double[] r = ChinaOffsets.bd09ToGcj02(LON, LAT);
        double[] forward = ChinaOffsets.gcj02ToBd09(r[0], r[1]);
        assertThat(forward[0]).isCloseTo(LON, within(ROUND_TRIP_TOLERANCE));
        assertThat(forward[1]).isCloseTo(LAT, within(ROUND_TRIP_TOLERANCE));
        assertThat(r[0]).isCloseTo(116.39762729119315, within(ONE_STEP_TOLERANCE));
        assertThat(r[1]).isCloseTo(39.90865673957631, within(ONE_STEP_TOLERANCE));
    }

    @Test
    void compositionsRoundTripAcrossChina() {
        for (double lon = 73.0; lon <= 135.0; lon += 3.1) {
            for (double lat = 4.0; lat <= 53.0; lat += 2.7) {
                double[] gcj = ChinaOffsets.wgs84ToGcj02(lon, lat);
                double[] back = ChinaOffsets.gcj02ToWgs84(gcj[0], gcj[1]);
                assertThat(back[0]).isCloseTo(lon, within(ROUND_TRIP_TOLERANCE));
                assertThat(back[1]).isCloseTo(lat, within(ROUND_TRIP_TOLERANCE));
                double[] bd = ChinaOffsets.wgs84ToBd09(lon, lat);
                double[] back2 = ChinaOffsets.bd09ToWgs84(bd[0], bd[1]);
                assertThat(back2[0]).isCloseTo(lon, within(ROUND_TRIP_TOLERANCE));
                assertThat(back2[1]).isCloseTo(lat, within(ROUND_TRIP_TOLERANCE));
            }
        }
    }

    @Test
    void wgs84ToBd09IsTheComposition() {
        double[] gcj = ChinaOffsets.wgs84ToGcj02(LON, LAT);
        assertThat(ChinaOffsets.wgs84ToBd09(LON, LAT)).containsExactly(ChinaOffsets.gcj02ToBd09(gcj[0], gcj[1]));
    }

    @Test
    void inputsAreNotModifiedAndResultsAreFresh() {
        double[] a = ChinaOffsets.wgs84ToGcj02(2.35, 48.85);
        double[] b = ChinaOffsets.wgs84ToGcj02(2.35, 48.85);
        assertThat(a).isNotSameAs(b);
    }
}
