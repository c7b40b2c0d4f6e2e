package io.shikong.tiles.grid;

import io.shikong.core.crs.Crs;
import io.shikong.core.crs.CrsService;
import org.locationtech.jts.geom.Envelope;
import org.locationtech.jts.geom.Geometry;

/**
 * Between the storage CRS (CGCS2000) and a tile matrix set's coordinates. For the GCJ-02 variant the path
 * is storage → GCJ-02 longitude/latitude → spherical Web Mercator, the way Amap and Tencent project their
 * offset coordinates; for the others it is the CRS service's transform.
 */
public final class TileProjection {

    private final CrsService crs;
    private final Crs storage;
    private final Crs gcj02;
    private final Crs wgs84LonLat;

    public TileProjection(CrsService crs) {
        this.crs = crs;
        this.storage = crs.storage();
        this.gcj02 = crs.resolve("GCJ02");
        this.wgs84LonLat = crs.resolve("CRS84");
    }

    /** A storage-CRS envelope in the set's coordinates (grown to hold the transformed corners and edges). */
    public Envelope toTiles(TileMatrixSet set, Envelope storageBox) {
        if (set.gcj02()) {
            Envelope shifted = crs.transform(storageBox, storage, gcj02);
            return crs.transform(shifted, wgs84LonLat, set.crs());
        }
        return crs.transform(storageBox, storage, set.crs());
    }

    /** An envelope in the set's coordinates (a tile's bounds) in the storage CRS. */
    public Envelope toStorage(TileMatrixSet set, Envelope tileBox) {
        if (set.gcj02()) {
            Envelope lonLat = crs.transform(tileBox, set.crs(), wgs84LonLat);
            return crs.transform(lonLat, gcj02, storage);
        }
        return crs.transform(tileBox, set.crs(), storage);
    }

    /** A storage-CRS geometry in the set's coordinates. */
    public Geometry toTiles(TileMatrixSet set, Geometry storageGeometry) {
        if (set.gcj02()) {
            Geometry shifted = crs.transform(storageGeometry, storage, gcj02);
            return crs.transform(shifted, wgs84LonLat, set.crs());
        }
        return crs.transform(storageGeometry, storage, set.crs());
    }

    /**
     * The CRS features should be read in to draw on the set's tiles without another transform: the set's
     * CRS, or for the GCJ-02 variant {@code null} (read in storage and use {@link #toTiles(TileMatrixSet, Geometry)}).
     */
    public Crs readCrs(TileMatrixSet set) {
        return set.gcj02() ? null : set.crs();
    }
}
