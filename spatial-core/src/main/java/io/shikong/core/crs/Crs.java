package io.shikong.core.crs;

import java.util.Objects;

/**
 * One coordinate reference system that Shikong serves, as an immutable value. Two values are equal
 * when their {@link #code()} is equal, so {@code EPSG:4326} and {@code CRS84} are different values
 * (they differ in declared axis order) although they share EPSG code 4326.
 *
 * <p>Instances come from {@link CrsService#resolve(String)} and {@link CrsService#supported()}; there
 * is no public constructor so that an unsupported CRS cannot be made by accident.
 *
 * <p>The value carries no GeoTools object: it is cheap to hold in requests, records and caches, and
 * the protocol layers need only its names and its axis order.
 */
public final class Crs {

    private final String code;
    private final int epsg;
    private final boolean geographic;
    private final boolean northingFirst;
    private final String urn;
    private final String uri;
    private final String title;

    Crs(String code, int epsg, boolean geographic, boolean northingFirst, String urn, String uri,
            String title) {
        this.code = Objects.requireNonNull(code, "code");
        this.epsg = epsg;
        this.geographic = geographic;
        this.northingFirst = northingFirst;
        this.urn = Objects.requireNonNull(urn, "urn");
        this.uri = Objects.requireNonNull(uri, "uri");
        this.title = Objects.requireNonNull(title, "title");
    }

    /** An EPSG-defined CRS: its names all follow from the code. */
    static Crs epsg(int epsg, boolean geographic, boolean northingFirst, String title) {
        return new Crs("EPSG:" + epsg, epsg, geographic, northingFirst,
                "urn:ogc:def:crs:EPSG::" + epsg, "http://www.opengis.net/def/crs/EPSG/0/" + epsg, title);
    }

    /**
     * The canonical code: {@code "EPSG:4490"}, {@code "EPSG:4326"}, {@code "EPSG:3857"},
     * {@code "EPSG:4529"} and so on, or {@code "CRS84"}, {@code "GCJ02"}, {@code "BD09"}.
     */
    public String code() {
        return code;
    }

    /**
     * The EPSG code; 4326 for {@code CRS84}; {@code -1} for {@code GCJ02} and {@code BD09}, which are
     * not EPSG systems but obfuscating offsets applied to WGS 84 longitude/latitude.
     */
    public int epsg() {
        return epsg;
    }

    /** {@code true} when coordinates are longitude/latitude in degrees, {@code false} for projected metres. */
    public boolean geographic() {
        return geographic;
    }

    /**
     * {@code true} when the axis order defined by the authority is latitude/northing first: EPSG:4326,
     * EPSG:4490 and the CGCS2000 Gauss-Krüger zones (EPSG defines X as northing there).
     * {@code false} for EPSG:3857, CRS84, GCJ02 and BD09. Shikong itself always computes with
     * longitude/easting first; this flag only tells a protocol layer when to swap on the wire.
     */
    public boolean northingFirst() {
        return northingFirst;
    }

    /**
     * The OGC URN, e.g. {@code "urn:ogc:def:crs:EPSG::4490"} or
     * {@code "urn:ogc:def:crs:OGC:1.3:CRS84"}; for {@code GCJ02} and {@code BD09}, which have none, the
     * code.
     */
    public String urn() {
        return urn;
    }

    /**
     * The OGC HTTP URI, e.g. {@code "http://www.opengis.net/def/crs/EPSG/0/4490"} or
     * {@code "http://www.opengis.net/def/crs/OGC/1.3/CRS84"}; for {@code GCJ02} and {@code BD09},
     * which have none, the code.
     */
    public String uri() {
        return uri;
    }

    /** A human-readable name, the EPSG name where there is one, e.g. "China Geodetic Coordinate System 2000". */
    public String title() {
        return title;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Crs other && code.equals(other.code);
    }

    @Override
    public int hashCode() {
        return code.hashCode();
    }

    /** The code, so that log lines and messages read naturally. */
    @Override
    public String toString() {
        return code;
    }
}
