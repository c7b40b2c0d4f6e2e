package io.shikong.tiles.mvt;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.locationtech.jts.geom.Envelope;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.io.WKTReader;

/** The Java encoder's geometry steps, WKT in (tile CRS: a 4096-unit tile at the origin) and WKT out (tile units). */
class JavaLayerEncoderTest {

    private final JavaLayerEncoder encoder = new JavaLayerEncoder("t", new Envelope(0, 4096, 0, 4096), 4096, 64, 0);

    private Geometry tile(String wkt) throws Exception {
        return encoder.tileGeometry(new WKTReader().read(wkt));
    }

    @Test
    void emptyAndOutsideGeometriesAreLeftOut() throws Exception {
        assertThat(tile("POINT EMPTY")).isNull();
        assertThat(tile("POINT (5000 100)")).isNull();
        assertThat(tile("LINESTRING (5000 0, 6000 10)")).isNull();
    }

    @Test
    void yPointsDownAndCoordinatesSnapToTheGrid() throws Exception {
        assertThat(tile("POINT (10.4 4000.6)").toText()).isEqualTo("POINT (10 95)");
        assertThat(tile("POINT (-63 -10)").toText()).isEqualTo("POINT (-63 4106)");
        assertThat(tile("MULTIPOINT ((1 1), (9000 1))").toText()).isEqualTo("MULTIPOINT ((1 4095))");
    }

    @Test
    void linesAndPolygonsAreClippedToTheBuffer() throws Exception {
        assertThat(tile("LINESTRING (-1000 2048, 5000 2048)").toText()).isEqualTo("LINESTRING (-64 2048, 4160 2048)");
        assertThat(tile("POLYGON ((-100 -100, 200 -100, 200 200, -100 200, -100 -100))").getEnvelopeInternal())
                .isEqualTo(new Envelope(-64, 200, 3896, 4160));
    }

    @Test
    void slivers() throws Exception {
        // a polygon thinner than a tile unit inside the buffer collapses on the grid
        assertThat(tile("POLYGON ((100 4159.7, 300 4159.7, 300 4162, 100 4162, 100 4159.7))")).isNull();
        // a line collapsing to one grid point is dropped
        assertThat(tile("LINESTRING (10.1 10.1, 10.2 10.2)")).isNull();
    }

    @Test
    void simplificationInTileUnits() throws Exception {
        JavaLayerEncoder simplifying = new JavaLayerEncoder("t", new Envelope(0, 4096, 0, 4096), 4096, 64, 2);
        Geometry g = simplifying.tileGeometry(new WKTReader().read("LINESTRING (0 0, 1000 1, 2000 0)"));
        assertThat(g.toText()).isEqualTo("LINESTRING (0 4096, 2000 4096)");
    }
}
