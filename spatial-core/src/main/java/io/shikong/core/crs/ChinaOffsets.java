package io.shikong.core.crs;

/**
 * The GCJ-02 ("Mars coordinates", used by Amap/Gaode, Tencent and Google in mainland China) and BD-09
 * (Baidu) offsets. Neither is a geodetic datum: each is a published, deliberately irregular
 * perturbation of WGS 84 longitude/latitude, so no geodetic library implements them and they live here.
 *
 * <p>All arrays are {@code {lon, lat}} in degrees. Results are fresh arrays; inputs are never
 * modified.
 *
 * <p>Degenerate inputs:
 * <ul>
 *   <li>GCJ-02 is defined only inside China: where {@link #outOfChina(double, double)} is true,
 *       {@link #wgs84ToGcj02} and {@link #gcj02ToWgs84} return the input unchanged.</li>
 *   <li>The BD-09 step ({@link #gcj02ToBd09}, {@link #bd09ToGcj02}) has no such domain test and is
 *       applied everywhere, as Baidu's published formula and the common libraries do; so
 *       {@link #wgs84ToBd09} outside China applies the BD-09 step only.</li>
 *   <li>NaN in either coordinate gives NaN out (never an exception); infinities are outside China.</li>
 * </ul>
 *
 * <p>Forward formulas are the standard ones. The inverses are iterative (fixed-point on the forward
 * formula) to better than 1e-9° in at most {@value #MAX_ITERATIONS} iterations, instead of the common
 * one-step approximation, which is off by up to a few metres.
 */
public final class ChinaOffsets {

    /** Krasovsky 1940 semi-major axis, which the GCJ-02 formula uses. */
    private static final double A = 6378245.0;
    /** Krasovsky 1940 first eccentricity squared. */
    private static final double EE = 0.00669342162296594323;
    private static final double X_PI = Math.PI * 3000.0 / 180.0;

    /** Upper bound on inverse iterations; the forward maps are contractions, 3-5 steps are typical. */
    static final int MAX_ITERATIONS = 30;
    /** Stop the inverse iteration below this residual, well under the promised 1e-9°. */
    private static final double EPSILON = 1e-12;

    private ChinaOffsets() {
    }

    /**
     * Whether the point is outside the rectangle in which the GCJ-02 offset is applied: {@code
     * lon < 72.004 || lon > 137.8347 || lat < 0.8293 || lat > 55.8271}. The rectangle is coarse (it
     * includes parts of neighbouring countries) because that is what every GCJ-02 implementation
     * uses; a finer border would disagree with the map providers. NaN gives {@code false}.
     */
    public static boolean outOfChina(double lon, double lat) {
        return lon < 72.004 || lon > 137.8347 || lat < 0.8293 || lat > 55.8271;
    }

    /**
     * WGS 84 to GCJ-02 with the standard forward formula. Unchanged outside China; NaN gives NaN.
     *
     * @return {@code {lon, lat}} in GCJ-02
     */
    public static double[] wgs84ToGcj02(double lon, double lat) {
        if (outOfChina(lon, lat)) {
            return new double[] {lon, lat};
        }
        double[] d = gcjDelta(lon, lat);
        return new double[] {lon + d[0], lat + d[1]};
    }

    /**
     * GCJ-02 to WGS 84, iterated until {@code wgs84ToGcj02(result)} equals the input to better than
     * 1e-9°. Unchanged outside China; NaN gives NaN. Near the edge of the rectangle, where the WGS 84
     * preimage can fall just outside it, the result is still the point whose forward image is the
     * input whenever one exists.
     *
     * @return {@code {lon, lat}} in WGS 84
     */
    public static double[] gcj02ToWgs84(double lon, double lat) {
        if (outOfChina(lon, lat) || Double.isNaN(lon) || Double.isNaN(lat)) {
            return new double[] {lon, lat};
        }
        // The offset changes by ~1e-5 of itself per degree, so x -= f(x) - target converges fast.
        return invert(ChinaOffsets::wgs84ToGcj02, lon, lat, lon, lat);
    }

    private interface Forward {
        double[] apply(double lon, double lat);
    }

    /**
     * Solves {@code forward(x, y) = (lon, lat)} by fixed-point iteration from {@code (x0, y0)}: both
     * offsets are so nearly translations that each step removes almost all the residual.
     */
    private static double[] invert(Forward forward, double lon, double lat, double x0, double y0) {
        double x = x0;
        double y = y0;
        for (int i = 0; i < MAX_ITERATIONS; i++) {
            double[] f = forward.apply(x, y);
            double dx = f[0] - lon;
            double dy = f[1] - lat;
            x -= dx;
            y -= dy;
            if (Math.abs(dx) < EPSILON && Math.abs(dy) < EPSILON) {
                break;
            }
        }
        return new double[] {x, y};
    }

    /**
     * GCJ-02 to BD-09 with Baidu's published formula ({@code x_pi = π·3000/180},
     * {@code z = √(x²+y²) + 0.00002·sin(y·x_pi)}, {@code θ = atan2(y, x) + 0.000003·cos(x·x_pi)},
     * result {@code (z·cos θ + 0.0065, z·sin θ + 0.006)}). Applied everywhere; NaN gives NaN.
     *
     * @return {@code {lon, lat}} in BD-09
     */
    public static double[] gcj02ToBd09(double lon, double lat) {
        double z = Math.sqrt(lon * lon + lat * lat) + 0.00002 * Math.sin(lat * X_PI);
        double theta = Math.atan2(lat, lon) + 0.000003 * Math.cos(lon * X_PI);
        return new double[] {z * Math.cos(theta) + 0.0065, z * Math.sin(theta) + 0.006};
    }

    /**
     * BD-09 to GCJ-02, iterated until {@code gcj02ToBd09(result)} equals the input to better than
     * 1e-9°. Applied everywhere; NaN gives NaN.
     *
     * @return {@code {lon, lat}} in GCJ-02
     */
    public static double[] bd09ToGcj02(double lon, double lat) {
        if (Double.isNaN(lon) || Double.isNaN(lat)) {
            return new double[] {lon, lat};
        }
        // Start from the usual one-step inverse, then correct its residual (~1e-6°).
        double bx = lon - 0.0065;
        double by = lat - 0.006;
        double z = Math.sqrt(bx * bx + by * by) - 0.00002 * Math.sin(by * X_PI);
        double theta = Math.atan2(by, bx) - 0.000003 * Math.cos(bx * X_PI);
        return invert(ChinaOffsets::gcj02ToBd09, lon, lat, z * Math.cos(theta), z * Math.sin(theta));
    }

    /**
     * WGS 84 to BD-09: {@code gcj02ToBd09(wgs84ToGcj02(p))}. Outside China only the BD-09 step
     * applies; NaN gives NaN.
     *
     * @return {@code {lon, lat}} in BD-09
     */
    public static double[] wgs84ToBd09(double lon, double lat) {
        double[] g = wgs84ToGcj02(lon, lat);
        return gcj02ToBd09(g[0], g[1]);
    }

    /**
     * BD-09 to WGS 84: {@code gcj02ToWgs84(bd09ToGcj02(p))}, both iterative. Outside China only the
     * BD-09 step is undone; NaN gives NaN.
     *
     * @return {@code {lon, lat}} in WGS 84
     */
    public static double[] bd09ToWgs84(double lon, double lat) {
        double[] g = bd09ToGcj02(lon, lat);
        return gcj02ToWgs84(g[0], g[1]);
    }

    /** The GCJ-02 offset {dlon, dlat} in degrees at a WGS 84 point inside China. */
    private static double[] gcjDelta(double lon, double lat) {
        double dLat = deltaLat(lon - 105.0, lat - 35.0);
        double dLon = deltaLon(lon - 105.0, lat - 35.0);
        double radLat = lat / 180.0 * Math.PI;
        double magic = Math.sin(radLat);
        magic = 1 - EE * magic * magic;
        double sqrtMagic = Math.sqrt(magic);
        // Metres of offset to degrees on the Krasovsky ellipsoid: meridian and prime-vertical radii.
        dLat = (dLat * 180.0) / ((A * (1 - EE)) / (magic * sqrtMagic) * Math.PI);
        dLon = (dLon * 180.0) / (A / sqrtMagic * Math.cos(radLat) * Math.PI);
        return new double[] {dLon, dLat};
    }

    private static double deltaLat(double x, double y) {
        double ret = -100.0 + 2.0 * x + 3.0 * y + 0.2 * y * y + 0.1 * x * y + 0.2 * Math.sqrt(Math.abs(x));
        ret += (20.0 * Math.sin(6.0 * x * Math.PI) + 20.0 * Math.sin(2.0 * x * Math.PI)) * 2.0 / 3.0;
        ret += (20.0 * Math.sin(y * Math.PI) + 40.0 * Math.sin(y / 3.0 * Math.PI)) * 2.0 / 3.0;
        ret += (160.0 * Math.sin(y / 12.0 * Math.PI) + 320 * Math.sin(y * Math.PI / 30.0)) * 2.0 / 3.0;
        return ret;
    }

    private static double deltaLon(double x, double y) {
        double ret = 300.0 + x + 2.0 * y + 0.1 * x * x + 0.1 * x * y + 0.1 * Math.sqrt(Math.abs(x));
        ret += (20.0 * Math.sin(6.0 * x * Math.PI) + 20.0 * Math.sin(2.0 * x * Math.PI)) * 2.0 / 3.0;
        ret += (20.0 * Math.sin(x * Math.PI) + 40.0 * Math.sin(x / 3.0 * Math.PI)) * 2.0 / 3.0;
        ret += (150.0 * Math.sin(x / 12.0 * Math.PI) + 300.0 * Math.sin(x / 30.0 * Math.PI)) * 2.0 / 3.0;
        return ret;
    }
}
