package io.shikong.tiles.grid;

import java.util.ArrayList;
import java.util.List;
import org.locationtech.jts.geom.Envelope;

/**
 * The tiles of each matrix that hold any of a layer (WMTS TileMatrixSetLimits, OGC API tileMatrixSetLimits),
 * from the layer's extent in the set's coordinates.
 */
public final class TileMatrixLimits {

    /** The range of one matrix. */
    public record Limit(String matrixId, int zoom, TileRange range) {
    }

    private TileMatrixLimits() {
    }

    /** One limit per matrix of the set; an empty extent gives no limits. */
    public static List<Limit> of(TileMatrixSet set, Envelope extentInSetCrs) {
        List<Limit> out = new ArrayList<>();
        if (extentInSetCrs == null || extentInSetCrs.isNull()) {
            return out;
        }
        for (TileMatrix m : set.matrices()) {
            TileRange r = m.range(extentInSetCrs);
            if (!r.isEmpty()) {
                out.add(new Limit(m.id(), m.zoom(), r));
            }
        }
        return out;
    }
}
