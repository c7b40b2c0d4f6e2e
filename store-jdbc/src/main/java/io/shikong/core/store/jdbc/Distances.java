package io.shikong.core.store.jdbc;

import org.locationtech.jts.geom.Envelope;

/** Conversions between metres and degrees for index pre-filters (conservative, never too small). */
final class Distances {

    /** Metres per degree of latitude, rounded down so the expansion errs on the large side. */
    private static final double METERS_PER_DEGREE = 110_000.0;

    private Distances() {
    }

    /**
     * An envelope in degrees that contains every point within {@code meters} of {@code e}. Used only to
     * let the spatial index pre-filter; the exact test follows.
     */
    static Envelope expandDegrees(Envelope e, double meters) {
        double maxAbsLat = Math.min(89.0, Math.max(Math.abs(e.getMinY()), Math.abs(e.getMaxY())) + meters / METERS_PER_DEGREE);
        double dLat = meters / METERS_PER_DEGREE;
        double dLon = Math.min(360, meters / (METERS_PER_DEGREE * Math.cos(Math.toRadians(maxAbsLat))));
        return new Envelope(e.getMinX() - dLon, e.getMaxX() + dLon, e.getMinY() - dLat, e.getMaxY() + dLat);
    }

    /** EPSG code of the CGCS2000 3-degree Gauss-Krüger zone (with zone prefix) for a longitude. */
    static int gaussKrugerZone(double longitude) {
        int zone = (int) Math.round(longitude / 3.0);
        zone = Math.max(25, Math.min(45, zone));
        return 4513 + (zone - 25);
    }
}
