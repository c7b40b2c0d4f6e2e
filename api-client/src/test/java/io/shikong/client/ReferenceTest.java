package io.shikong.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;
import org.locationtech.jts.io.WKTReader;

/** The independent references the end-to-end tests compare the server with, checked against published values. */
class ReferenceTest {

    @Test
    void gcj02ForwardReproducesCoordtransformsPublishedPoint() {
        // wandergis/coordtransform README and test/app.js: wgs84togcj02(116.404, 39.915)
        double[] r = Reference.wgs84ToGcj02(116.404, 39.915);
        assertThat(r[0]).isCloseTo(116.41024449916938, within(1e-9));
        assertThat(r[1]).isCloseTo(39.91640428150164, within(1e-9));
        assertThat(Reference.wgs84ToGcj02(2.35, 48.85)).containsExactly(2.35, 48.85);
    }

    @Test
    void gcj02OffsetInShenyangIsSeveralHundredMetres() {
        double[] r = Reference.wgs84ToGcj02(123.43, 41.80);
        double shift = Reference.CGCS2000.Inverse(41.80, 123.43, r[1], r[0]).s12;
        assertThat(shift).isBetween(300.0, 700.0);
    }

    @Test
    void geodesicAreaAndDistance() throws Exception {
        // one degree of longitude on the equator: a / 180 · π; a 0.01° × 0.01° cell at the equator ≈ 1113.2 m × 1105.7 m
        var cell = new WKTReader().read("POLYGON((0 0, 0.01 0, 0.01 0.01, 0 0.01, 0 0))");
        assertThat(Reference.geodesicArea(cell)).isCloseTo(1113.19 * 1105.74, within(1113.19 * 1105.74 * 1e-4));
        var holed = new WKTReader().read("POLYGON((0 0, 0.01 0, 0.01 0.01, 0 0.01, 0 0), (0.004 0.004, 0.006 0.004, 0.006 0.006, 0.004 0.006, 0.004 0.004))");
        assertThat(Reference.geodesicArea(holed)).isCloseTo(Reference.geodesicArea(cell) * 0.96, within(1.0));
        assertThat(Reference.geodesicArea(new WKTReader().read("LINESTRING(0 0, 1 1)"))).isZero();
        double oneDegree = 6378137 * Math.PI / 180;
        assertThat(Reference.geodesicDistance(new WKTReader().read("POINT(0 0)"), new WKTReader().read("LINESTRING(1 -1, 1 1)")))
                .isCloseTo(oneDegree, within(1e-3));
    }
}
