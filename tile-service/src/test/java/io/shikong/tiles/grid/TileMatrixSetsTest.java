package io.shikong.tiles.grid;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import io.shikong.core.crs.CrsService;
import io.shikong.core.error.InvalidParameterException;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.locationtech.jts.geom.Envelope;

class TileMatrixSetsTest {

    private final CrsService crs = new CrsService();
    private final TileMatrixSets sets = new TileMatrixSets(crs);

    @Test
    void webMercatorQuadHasOgcsNumbers() {
        TileMatrixSet s = sets.get("WebMercatorQuad");
        TileMatrix z0 = s.matrix(0).orElseThrow();
        // OGC 2DTMS 2.0 Annex D, WebMercatorQuad level 0
        assertThat(z0.scaleDenominator()).isCloseTo(559082264.028717, within(1e-5));
        assertThat(z0.cellSize()).isCloseTo(156543.033928041, within(1e-8));
        assertThat(s.maxZoom()).isEqualTo(24);
        assertThat(s.matrix(1).orElseThrow().tileBounds(1, 0))
                .isEqualTo(new Envelope(0, 20037508.342789244, 0, 20037508.342789244));
    }

    @Test
    void tiandituCHasItsOwnScaleDenominatorsAndTwoByOneAtLevelOne() {
        TileMatrixSet c = sets.get("c");
        assertThat(c.id()).isEqualTo("CGCS2000Quad");
        assertThat(c.crs().epsg()).isEqualTo(4490);
        assertThat(c.northingFirst()).isTrue();
        assertThat(c.minZoom()).isEqualTo(1);
        assertThat(c.maxZoom()).isEqualTo(18);
        TileMatrix l1 = c.matrix("1").orElseThrow();
        assertThat(l1.scaleDenominator()).isCloseTo(2.958293554545656E8, within(1e-3));
        assertThat(l1.matrixWidth()).isEqualTo(2);
        assertThat(l1.matrixHeight()).isEqualTo(1);
        assertThat(l1.tileBounds(1, 0)).isEqualTo(new Envelope(0, 180, -90, 90));
        assertThat(c.matrix("18").orElseThrow().scaleDenominator()).isCloseTo(2.958293554545656E8 / (1 << 17), within(1e-6));
    }

    @Test
    void worldCrs84QuadIsTwoByOneAtZero() {
        TileMatrix z0 = sets.get("WorldCRS84Quad").matrix(0).orElseThrow();
        assertThat(z0.matrixWidth()).isEqualTo(2);
        assertThat(z0.scaleDenominator()).isCloseTo(279541132.0143589, within(1e-4));
    }

    @Test
    void shenyangFallsInTheSlippyMapTileOfTheStandardFormula() {
        double lon = 123.43;
        double lat = 41.80;
        int z = 13;
        // the OSM wiki's formula, independent of the matrix arithmetic
        long x = (long) Math.floor((lon + 180) / 360 * (1 << z));
        double latRad = Math.toRadians(lat);
        long y = (long) Math.floor((1 - Math.log(Math.tan(latRad) + 1 / Math.cos(latRad)) / Math.PI) / 2 * (1 << z));
        TileMatrixSet s = sets.get("EPSG:3857");
        Envelope point = new TileProjection(crs).toTiles(s, new Envelope(lon, lon, lat, lat));
        TileRange r = s.matrix(z).orElseThrow().range(point);
        assertThat(r.count()).isEqualTo(1);
        assertThat(r.minCol()).isEqualTo(x);
        assertThat(r.minRow()).isEqualTo(y);
    }

    @Test
    void rangeExcludesTilesTheAreaOnlyTouches() {
        TileMatrix z1 = sets.get("WebMercatorQuad").matrix(1).orElseThrow();
        assertThat(z1.range(new Envelope(0, 10, 0, 10))).isEqualTo(new TileRange(1, 0, 1, 0));
        assertThat(z1.range(new Envelope(-10, 10, -10, 10)).count()).isEqualTo(4);
        assertThat(z1.range(new Envelope(3e7, 4e7, 0, 1)).isEmpty()).isTrue();
    }

    @Test
    void limitsFollowTheExtent() {
        TileMatrixSet c = sets.get("CGCS2000Quad");
        var limits = TileMatrixLimits.of(c, new Envelope(123.2, 123.7, 41.6, 42.0));
        assertThat(limits).hasSize(18);
        assertThat(limits.get(0).range()).isEqualTo(new TileRange(1, 0, 1, 0));
        assertThat(limits.get(17).range().count()).isGreaterThan(1000);
    }

    @Test
    void unknownSetIsAClearError() {
        assertThatThrownBy(() -> sets.get("GoogleEarth")).isInstanceOf(InvalidParameterException.class)
                .hasMessageContaining("GoogleEarth").hasMessageContaining("WebMercatorQuad");
    }

    @Test
    void jsonHasLatitudeFirstOriginForCgcs2000() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        TileMatrixSetJson.write(sets.get("CGCS2000Quad"), out);
        String json = out.toString(StandardCharsets.UTF_8);
        assertThat(json).contains("\"crs\" : \"http://www.opengis.net/def/crs/EPSG/0/4490\"")
                .contains("\"orderedAxes\" : [ \"Lat\", \"Lon\" ]")
                .contains("\"pointOfOrigin\" : [ 90.0, -180.0 ]")
                .contains("\"scaleDenominator\" : 2.95829355454565");
    }
}
