package io.shikong.ows.wmts;

import static io.shikong.ows.wmts.WmtsFixture.CRS;
import static io.shikong.ows.wmts.WmtsFixture.DISPATCHER;
import static io.shikong.ows.wmts.WmtsFixture.LAST_READ;
import static io.shikong.ows.wmts.WmtsFixture.SETS;
import static org.assertj.core.api.Assertions.assertThat;

import io.shikong.core.query.Query;
import io.shikong.core.security.Caller;
import io.shikong.tiles.grid.TileMatrix;
import io.shikong.tiles.grid.TileMatrixSet;
import io.shikong.tiles.grid.TileProjection;
import org.junit.jupiter.api.Test;
import org.locationtech.jts.geom.Coordinate;
import org.locationtech.jts.geom.Envelope;
import org.locationtech.jts.geom.GeometryFactory;
import org.locationtech.jts.geom.Point;

/**
 * GetFeatureInfo looks where the click is: the pixel of a point of the city, found in its tile, is asked for,
 * and the store is queried around that very point (in the set's CRS, or in the storage CRS for GCJ-02 tiles).
 */
class WmtsFeatureInfoTest {

    /** A point of Shenyang, CGCS2000 longitude/latitude. */
    static final Point CLICKED = new GeometryFactory().createPoint(new Coordinate(123.4321, 41.8012));

    /** Asks for the features at the pixel of {@code CLICKED} in zoom 15 of a set; the query the store was given. */
    static Query click(String setId) {
        TileMatrixSet set = SETS.get(setId);
        TileMatrix m = set.matrix(15).orElseThrow();
        Coordinate p = new TileProjection(CRS).toTiles(set, CLICKED).getCoordinate();
        long col = (long) Math.floor((p.x - m.originX()) / m.tileSpanX());
        long row = (long) Math.floor((m.originY() - p.y) / m.tileSpanY());
        Envelope tile = m.tileBounds(col, row);
        int i = (int) Math.floor((p.x - tile.getMinX()) / m.cellSize());
        int j = (int) Math.floor((tile.getMaxY() - p.y) / m.cellSize());
        LAST_READ.set(null);
        DISPATCHER.wmtsRest("/wmts/1.0.0/buildings/default/current/" + setId + "/15/" + row + "/" + col + "/" + j + "/" + i
                + ".json", Caller.ANONYMOUS, "http://h");
        return LAST_READ.get();
    }

    @Test
    void aWebMercatorTileIsQueriedInWebMercatorAroundTheClick() {
        Query q = click("WebMercatorQuad");
        assertThat(q.layer()).isEqualTo("buildings");
        assertThat(q.bboxCrs().code()).isEqualTo("EPSG:3857");
        Coordinate p = CRS.transform(CLICKED, CRS.storage(), CRS.resolve("EPSG:3857")).getCoordinate();
        double cell = SETS.get("WebMercatorQuad").matrix(15).orElseThrow().cellSize();
        assertThat(q.bbox().contains(p)).isTrue();
        // WMS's tolerance: a few pixels around the clicked one
        assertThat(q.bbox().getWidth()).isLessThan(10 * cell);
    }

    @Test
    void aGcj02TileIsQueriedInTheStorageCrsAroundThePointItShows() {
        Query q = click("WebMercatorQuadGCJ02");
        assertThat(q.bboxCrs()).isEqualTo(CRS.storage());
        // the GCJ-02 offset is some hundreds of metres: the query is around the true point, not the shifted one
        assertThat(q.bbox().contains(CLICKED.getCoordinate())).isTrue();
        assertThat(q.bbox().getWidth()).isLessThan(0.001);
    }
}
