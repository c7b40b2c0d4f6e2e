package io.shikong.ows.wmts.getfeatureinfo;

import io.shikong.core.catalog.LayerDefinition;
import io.shikong.core.crs.Crs;
import io.shikong.core.crs.CrsService;
import io.shikong.core.query.TimeSelection;
import io.shikong.core.security.Caller;
import io.shikong.core.store.FeatureStore;
import io.shikong.ows.Kvp;
import io.shikong.ows.OwsResponse;
import io.shikong.ows.wms.WmsExceptions;
import io.shikong.ows.wms.WmsVersion;
import io.shikong.ows.wms.getfeatureinfo.GetFeatureInfoHandler;
import io.shikong.ows.wms.getmap.GetMapRequest;
import io.shikong.styles.encode.ImageEncoder;
import io.shikong.tiles.grid.TileMatrix;
import io.shikong.tiles.grid.TileMatrixSet;
import io.shikong.tiles.grid.TileProjection;
import java.awt.Color;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.locationtech.jts.geom.Envelope;

/**
 * WMTS GetFeatureInfo as a WMS GetFeatureInfo over the tile: a map of the tile's bounds and size in the
 * set's CRS, queried at I/J by {@link GetFeatureInfoHandler}, so the features found, the click tolerance,
 * the formats and the answers are WMS's. For the GCJ-02 variant of Web Mercator, whose coordinates are in
 * no EPSG CRS, the map is laid in the storage CRS around the clicked pixel (its centre and size carried
 * over exactly), so the same features are found.
 */
public final class WmtsFeatureInfoHandler {

    private final FeatureStore store;
    private final CrsService crsService;
    private final TileProjection projection;

    public WmtsFeatureInfoHandler(FeatureStore store, CrsService crsService, TileProjection projection) {
        this.store = store;
        this.crsService = crsService;
        this.projection = projection;
    }

    /**
     * The features at the pixel.
     *
     * @param layer  the layer, checked for the caller
     * @param set    the tile matrix set
     * @param matrix the tile's matrix; the column and row already checked inside it
     */
    public OwsResponse handle(WmtsFeatureInfoRequest r, LayerDefinition layer, TileMatrixSet set, TileMatrix matrix,
                              Instant time, Caller caller) {
        Envelope bounds = matrix.tileBounds(r.tile().col(), r.tile().row());
        int width = matrix.tileWidth();
        int height = matrix.tileHeight();
        Crs crs = set.crs();
        if (set.gcj02()) {
            bounds = storageBounds(set, matrix, bounds, r);
            crs = crsService.storage();
        }
        GetMapRequest map = new GetMapRequest(WmsVersion.V1_3_0, List.of(layer), List.of(""), crs, bounds, width, height,
                ImageEncoder.Format.PNG, true, Color.WHITE,
                time == null ? TimeSelection.CURRENT : TimeSelection.asOf(time), null, null, WmsExceptions.Mode.XML,
                GetMapRequest.OGC_DPI);
        Kvp kvp = new Kvp(Map.of("QUERY_LAYERS", List.of(layer.name()), "I", List.of(r.i()), "J", List.of(r.j()),
                "INFO_FORMAT", List.of(r.infoFormat())));
        return new GetFeatureInfoHandler(store, crsService).handle(map, kvp, caller);
    }

    /**
     * A map in the storage CRS whose pixel (I, J) is the clicked pixel of the GCJ-02 tile, of that pixel's
     * size there: exact at the click, where the query looks. An I/J that is no pixel of the tile keeps the
     * tile's own bounds, and WMS's check refuses it.
     */
    private Envelope storageBounds(TileMatrixSet set, TileMatrix m, Envelope tile, WmtsFeatureInfoRequest r) {
        int i;
        int j;
        try {
            i = Integer.parseInt(r.i().trim());
            j = Integer.parseInt(r.j().trim());
        } catch (NumberFormatException e) {
            return projection.toStorage(set, tile);
        }
        if (i < 0 || j < 0 || i >= m.tileWidth() || j >= m.tileHeight()) {
            return projection.toStorage(set, tile);
        }
        double cell = m.cellSize();
        double x = tile.getMinX() + (i + 0.5) * cell;
        double y = tile.getMaxY() - (j + 0.5) * cell;
        Envelope pixel = projection.toStorage(set, new Envelope(x - cell / 2, x + cell / 2, y - cell / 2, y + cell / 2));
        double rx = pixel.getWidth();
        double ry = pixel.getHeight();
        double minX = pixel.centre().x - (i + 0.5) * rx;
        double maxY = pixel.centre().y + (j + 0.5) * ry;
        return new Envelope(minX, minX + m.tileWidth() * rx, maxY - m.tileHeight() * ry, maxY);
    }
}
