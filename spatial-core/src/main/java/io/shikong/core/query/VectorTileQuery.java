package io.shikong.core.query;

import io.shikong.core.crs.Crs;
import io.shikong.core.security.Caller;
import java.util.List;
import java.util.Objects;
import org.locationtech.jts.geom.Envelope;

/**
 * One layer of one vector tile, for a store that encodes Mapbox Vector Tiles itself (PostGIS's
 * {@code ST_AsMVT}): the features of {@code layer} visible to {@code caller} in the versions {@code time}
 * selects whose geometry meets the tile's bounds grown by {@code buffer}, in tile coordinates
 * ({@code 0..extent}, y down), clipped to the buffered tile, simplified by {@code simplify}, at most
 * {@code limit} of them, with the named properties (the layer's id is always the MVT feature id).
 *
 * @param layer      layer name, also the MVT layer name
 * @param caller     who asks; the store refuses layers the caller may not see
 * @param tileBounds the tile's bounds in {@code tileCrs} (x = easting/longitude)
 * @param tileCrs    the tile matrix set's CRS (EPSG:3857, EPSG:4326 or EPSG:4490)
 * @param extent     tile extent in tile units (4096)
 * @param buffer     buffer around the tile in tile units (64)
 * @param simplify   simplification tolerance in tile units ({@code 0} for none)
 * @param limit      most features in the layer, or {@code null} for all
 * @param time       version selection; never {@code null}
 * @param properties attributes to write, never {@code null} (may be empty)
 */
public record VectorTileQuery(String layer, Caller caller, Envelope tileBounds, Crs tileCrs, int extent, int buffer,
                              double simplify, Integer limit, TimeSelection time, List<String> properties) {

    public VectorTileQuery {
        Objects.requireNonNull(layer, "layer");
        Objects.requireNonNull(caller, "caller");
        Objects.requireNonNull(tileBounds, "tileBounds");
        Objects.requireNonNull(tileCrs, "tileCrs");
        Objects.requireNonNull(time, "time");
        properties = List.copyOf(properties);
        if (extent <= 0 || buffer < 0 || simplify < 0 || (limit != null && limit < 0)) {
            throw new IllegalArgumentException("extent > 0, buffer >= 0, simplify >= 0, limit >= 0");
        }
    }
}
