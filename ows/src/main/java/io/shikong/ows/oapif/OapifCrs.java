package io.shikong.ows.oapif;

import io.shikong.core.crs.Crs;
import io.shikong.core.crs.CrsService;
import io.shikong.core.error.InvalidCrsException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.locationtech.jts.geom.CoordinateSequence;
import org.locationtech.jts.geom.CoordinateSequenceFilter;
import org.locationtech.jts.geom.Geometry;

/**
 * The CRSs of OGC API - Features Part 2, named by URI: CRS84 (the default), EPSG:4326 and EPSG:4490
 * (latitude first, as EPSG defines them), Web Mercator, the CGCS2000 Gauss-Krüger zones (northing first),
 * and GCJ-02 and BD-09, which no authority defines: they are named by URIs of ours,
 * {@value #GCJ02_URI} and {@value #BD09_URI} (longitude first, like CRS84).
 *
 * <p>Part 2 writes coordinates in the axis order of the CRS: with {@code crs}, {@code bbox-crs} or
 * {@code filter-crs} naming EPSG:4326, EPSG:4490 or a Gauss-Krüger zone, the first coordinate is the latitude
 * or northing. Shikong computes longitude/easting first, so {@link #swap} turns geometries at the edge.
 */
public final class OapifCrs {

    public static final String GCJ02_URI = "https://shikong.io/def/crs/GCJ-02";
    public static final String BD09_URI = "https://shikong.io/def/crs/BD-09";

    private final CrsService crsService;
    private final Crs crs84;

    public OapifCrs(CrsService crsService) {
        this.crsService = crsService;
        this.crs84 = crsService.resolve("CRS84");
    }

    Crs crs84() {
        return crs84;
    }

    /** The URI of a CRS as this API writes it. */
    static String uri(Crs crs) {
        return switch (crs.code()) {
            case "GCJ02" -> GCJ02_URI;
            case "BD09" -> BD09_URI;
            default -> crs.uri();
        };
    }

    /** Every CRS served, CRS84 first, the storage CRS second. */
    List<String> supportedUris(Crs storage) {
        List<String> uris = new ArrayList<>();
        uris.add(uri(crs84));
        uris.add(uri(storage));
        for (Crs c : crsService.supported()) {
            String u = uri(c);
            if (!uris.contains(u)) {
                uris.add(u);
            }
        }
        return uris;
    }

    /**
     * A CRS from a URI (or any identifier the CRS service knows), {@code fallback} when absent.
     *
     * @throws InvalidCrsException naming the parameter when it is not one we serve
     */
    Crs resolve(String value, String locator, Crs fallback) {
        if (value == null || value.isBlank()) {
            return fallback;
        }
        String v = value.trim();
        if (v.startsWith("[") && v.endsWith("]")) {
            v = v.substring(1, v.length() - 1); // a safe CURIE, [EPSG:4490]
        }
        String lower = v.toLowerCase(Locale.ROOT);
        if (lower.equals(GCJ02_URI.toLowerCase(Locale.ROOT))) {
            return crsService.resolve("GCJ02");
        }
        if (lower.equals(BD09_URI.toLowerCase(Locale.ROOT))) {
            return crsService.resolve("BD09");
        }
        try {
            return crsService.resolve(v);
        } catch (InvalidCrsException e) {
            throw new InvalidCrsException(locator, e.getMessage() + "; this API names them by URI, e.g. "
                    + "http://www.opengis.net/def/crs/EPSG/0/4490, and GCJ-02 / BD-09 as " + GCJ02_URI + " / "
                    + BD09_URI + " (see the collection's crs list)", e);
        }
    }

    /** The geometry with x and y exchanged (a copy), for a latitude/northing-first CRS; as it is otherwise. */
    static Geometry axisOrder(Geometry g, Crs crs) {
        return g == null || !crs.northingFirst() ? g : swap(g);
    }

    static Geometry swap(Geometry g) {
        Geometry copy = g.copy();
        copy.apply(new CoordinateSequenceFilter() {
            @Override
            public void filter(CoordinateSequence seq, int i) {
                double x = seq.getX(i);
                seq.setOrdinate(i, 0, seq.getY(i));
                seq.setOrdinate(i, 1, x);
            }

            @Override
            public boolean isDone() {
                return false;
            }

            @Override
            public boolean isGeometryChanged() {
                return true;
            }
        });
        return copy;
    }
}
