package io.shikong.samples;

import java.util.SplittableRandom;
import org.locationtech.jts.geom.Coordinate;
import org.locationtech.jts.geom.GeometryFactory;
import org.locationtech.jts.geom.Point;
import org.locationtech.jts.geom.PrecisionModel;

/**
 * Where things are in Shenyang, in EPSG:4490 longitude/latitude (x = longitude): the city bounds, the
 * urban core, the districts, and the metre-to-degree conversions the generators build shapes with.
 */
final class ShenyangGeography {

    /** Every sample geometry lies within these bounds (the municipality, rounded out). */
    static final double MIN_LON = 122.4;
    static final double MAX_LON = 123.8;
    static final double MIN_LAT = 41.2;
    static final double MAX_LAT = 43.0;

    /** The urban core inside the third ring road, where most buildings, POIs and pipes are. */
    static final double CORE_MIN_LON = 123.3;
    static final double CORE_MAX_LON = 123.6;
    static final double CORE_MIN_LAT = 41.7;
    static final double CORE_MAX_LAT = 41.9;

    static final int SRID = 4490;

    /** Creates every sample geometry, so each carries SRID 4490. */
    static final GeometryFactory FACTORY = new GeometryFactory(new PrecisionModel(), SRID);

    private static final double METRES_PER_DEGREE_LAT = 111_000.0;
    /** Keeps generated locations far enough from the bounds that shapes around them stay inside. */
    private static final double MARGIN = 0.03;

    /** A district with its administrative code suffix (2101xx) and an approximate centre. */
    record District(String name, String code, double lon, double lat) {
    }

    static final District[] DISTRICTS = {
        new District("和平区", "02", 123.395, 41.785),
        new District("沈河区", "03", 123.460, 41.800),
        new District("大东区", "04", 123.500, 41.820),
        new District("皇姑区", "05", 123.420, 41.835),
        new District("铁西区", "06", 123.340, 41.795),
        new District("苏家屯区", "11", 123.340, 41.665),
        new District("浑南区", "12", 123.470, 41.720),
        new District("沈北新区", "13", 123.520, 42.050),
        new District("于洪区", "14", 123.290, 41.820),
    };

    /** Outer districts that get the features outside the core. */
    private static final District[] SUBURBS = {DISTRICTS[5], DISTRICTS[6], DISTRICTS[7], DISTRICTS[8]};

    private ShenyangGeography() {
    }

    /**
     * A location where people build: with probability {@code coreShare} in the urban core, otherwise
     * mostly around a suburban district centre and sometimes anywhere in the municipality.
     */
    static Coordinate settledLocation(SplittableRandom r, double coreShare) {
        if (r.nextDouble() < coreShare) {
            return new Coordinate(r.nextDouble(CORE_MIN_LON, CORE_MAX_LON), r.nextDouble(CORE_MIN_LAT, CORE_MAX_LAT));
        }
        if (r.nextInt(4) > 0) {
            District d = FeatureRandom.pick(r, SUBURBS);
            return clamp(new Coordinate(d.lon() + r.nextDouble(-0.06, 0.06), d.lat() + r.nextDouble(-0.05, 0.05)));
        }
        return new Coordinate(r.nextDouble(MIN_LON + MARGIN, MAX_LON - MARGIN), r.nextDouble(MIN_LAT + MARGIN, MAX_LAT - MARGIN));
    }

    /** The district whose centre is nearest: good enough for plausible addresses. */
    static District district(Coordinate c) {
        District best = DISTRICTS[0];
        double bestD = Double.MAX_VALUE;
        double k = Math.cos(Math.toRadians(c.y));
        for (District d : DISTRICTS) {
            double dx = (d.lon() - c.x) * k;
            double dy = d.lat() - c.y;
            double dist = dx * dx + dy * dy;
            if (dist < bestD) {
                bestD = dist;
                best = d;
            }
        }
        return best;
    }

    /** The coordinate {@code east} and {@code north} metres from {@code c}, rounded to 1e-7 degrees (1 cm). */
    static Coordinate offset(Coordinate c, double east, double north) {
        return new Coordinate(round(c.x + east / metresPerDegreeLon(c.y)), round(c.y + north / METRES_PER_DEGREE_LAT));
    }

    /** A point at {@code c}, rounded like {@link #offset}. */
    static Point point(Coordinate c) {
        return FACTORY.createPoint(new Coordinate(round(c.x), round(c.y)));
    }

    /** Metres per degree of longitude at a latitude. */
    static double metresPerDegreeLon(double lat) {
        return METRES_PER_DEGREE_LAT * Math.cos(Math.toRadians(lat));
    }

    static double metresPerDegreeLat() {
        return METRES_PER_DEGREE_LAT;
    }

    /** Rounds to 1e-7 degrees so that coordinates print short and survive text round trips unchanged. */
    static double round(double degrees) {
        return Math.round(degrees * 1e7) / 1e7;
    }

    private static Coordinate clamp(Coordinate c) {
        return new Coordinate(Math.max(MIN_LON + MARGIN, Math.min(MAX_LON - MARGIN, c.x)),
                Math.max(MIN_LAT + MARGIN, Math.min(MAX_LAT - MARGIN, c.y)));
    }
}
