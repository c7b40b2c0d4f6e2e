package io.shikong.core.analysis;

import io.shikong.core.crs.Crs;
import io.shikong.core.crs.CrsService;
import org.locationtech.jts.geom.Geometry;

/**
 * Distances in true metres between geometries stored in a geographic CRS: both are projected to the
 * CGCS2000 Gauss-Krüger 3-degree zone of the reference geometry, where the scale error is below 2e-5
 * for features within the zone, and measured there with JTS.
 */
public final class Distance {

    private final CrsService crsService;
    private final Crs source;
    private final Crs zone;
    private final Geometry reference;

    /**
     * @param reference the geometry distances are measured from, in {@code source}
     * @param source    the CRS of the reference and of the measured geometries
     */
    public Distance(CrsService crsService, Geometry reference, Crs source) {
        this.crsService = crsService;
        this.source = source;
        if (source.geographic()) {
            this.zone = crsService.gaussKrugerZone(reference.getEnvelopeInternal().centre().x);
            this.reference = crsService.transform(reference, source, zone);
        } else {
            this.zone = source;
            this.reference = reference;
        }
    }

    /** Metres from the reference to {@code g} (0 when they intersect). */
    public double to(Geometry g) {
        Geometry projected = source.equals(zone) ? g : crsService.transform(g, source, zone);
        return reference.distance(projected);
    }
}
