package io.shikong.client;

import net.sf.geographiclib.Geodesic;
import net.sf.geographiclib.PolygonArea;
import org.locationtech.jts.geom.Coordinate;
import org.locationtech.jts.geom.CoordinateFilter;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.geom.LineString;
import org.locationtech.jts.geom.Polygon;
import org.locationtech.jts.operation.distance.DistanceOp;

/**
 * Expected distances, areas and GCJ-02 coordinates computed without the server's code (its CrsService,
 * GeoTools, its Gauss-Krüger zones): GeographicLib geodesics on the CGCS2000 ellipsoid, and the GCJ-02
 * forward formula as published by wandergis/coordtransform ({@code wgs84togcj02}), written out here.
 * CGCS2000 and WGS 84 longitude/latitude are taken as equal (they differ by centimetres).
 */
final class Reference {

    /** CGCS2000: GRS 80 axes. */
    static final Geodesic CGCS2000 = new Geodesic(6378137, 1 / 298.257222101);

    private Reference() {
    }

    /** Geodesic area in m² of the polygons of a longitude/latitude geometry, holes subtracted; 0 for points and lines. */
    static double geodesicArea(Geometry g) {
        double sum = 0;
        for (int i = 0; i < g.getNumGeometries(); i++) {
            if (g.getGeometryN(i) instanceof Polygon p) {
                sum += ringArea(p.getExteriorRing());
                for (int h = 0; h < p.getNumInteriorRing(); h++) {
                    sum -= ringArea(p.getInteriorRingN(h));
                }
            }
        }
        return sum;
    }

    private static double ringArea(LineString ring) {
        PolygonArea area = new PolygonArea(CGCS2000, false);
        Coordinate[] cs = ring.getCoordinates();
        for (int i = 0; i < cs.length - 1; i++) {
            area.AddPoint(cs[i].y, cs[i].x);
        }
        return Math.abs(area.Compute(false, true).area);
    }

    /**
     * Geodesic distance in metres between two longitude/latitude geometries: the closest pair of points is
     * found by JTS with longitudes scaled by cos(latitude of {@code a}) (a local equidistant view, good to
     * second order at the minimum), then measured on the ellipsoid.
     */
    static double geodesicDistance(Geometry a, Geometry b) {
        double k = Math.cos(Math.toRadians(a.getCentroid().getY()));
        Coordinate[] p = DistanceOp.nearestPoints(scaleX(a, k), scaleX(b, k));
        return CGCS2000.Inverse(p[0].y, p[0].x / k, p[1].y, p[1].x / k).s12;
    }

    private static Geometry scaleX(Geometry g, double k) {
        Geometry c = g.copy();
        c.apply((CoordinateFilter) co -> co.x = co.x * k);
        c.geometryChanged();
        return c;
    }

    // --- GCJ-02, wandergis/coordtransform wgs84togcj02 ------------------------------------------------

    private static final double KRASOVSKY_A = 6378245.0;
    private static final double KRASOVSKY_EE = 0.00669342162296594323;

    /** WGS 84 (here CGCS2000) longitude/latitude to GCJ-02; unchanged outside China. */
    static double[] wgs84ToGcj02(double lng, double lat) {
        if (lng < 72.004 || lng > 137.8347 || lat < 0.8293 || lat > 55.8271) {
            return new double[] {lng, lat};
        }
        double dlat = transformLat(lng - 105.0, lat - 35.0);
        double dlng = transformLng(lng - 105.0, lat - 35.0);
        double radlat = lat / 180.0 * Math.PI;
        double magic = Math.sin(radlat);
        magic = 1 - KRASOVSKY_EE * magic * magic;
        double sqrtmagic = Math.sqrt(magic);
        dlat = (dlat * 180.0) / ((KRASOVSKY_A * (1 - KRASOVSKY_EE)) / (magic * sqrtmagic) * Math.PI);
        dlng = (dlng * 180.0) / (KRASOVSKY_A / sqrtmagic * Math.cos(radlat) * Math.PI);
        return new double[] {lng + dlng, lat + dlat};
    }

    /** Every vertex of a longitude/latitude geometry through {@link #wgs84ToGcj02(double, double)}. */
    static Geometry wgs84ToGcj02(Geometry g) {
        Geometry c = g.copy();
        c.apply((CoordinateFilter) co -> {
            double[] r = wgs84ToGcj02(co.x, co.y);
            co.x = r[0];
            co.y = r[1];
        });
        c.geometryChanged();
        return c;
    }

    private static double transformLat(double lng, double lat) {
        double ret = -100.0 + 2.0 * lng + 3.0 * lat + 0.2 * lat * lat + 0.1 * lng * lat + 0.2 * Math.sqrt(Math.abs(lng));
        ret += (20.0 * Math.sin(6.0 * lng * Math.PI) + 20.0 * Math.sin(2.0 * lng * Math.PI)) * 2.0 / 3.0;
        ret += (20.0 * Math.sin(lat * Math.PI) + 40.0 * Math.sin(lat / 3.0 * Math.PI)) * 2.0 / 3.0;
        ret += (160.0 * Math.sin(lat / 12.0 * Math.PI) + 320 * Math.sin(lat * Math.PI / 30.0)) * 2.0 / 3.0;
        return ret;
    }

    private static double transformLng(double lng, double lat) {
        double ret = 300.0 + lng + 2.0 * lat + 0.1 * lng * lng + 0.1 * lng * lat + 0.1 * Math.sqrt(Math.abs(lng));
        ret += (20.0 * Math.sin(6.0 * lng * Math.PI) + 20.0 * Math.sin(2.0 * lng * Math.PI)) * 2.0 / 3.0;
        ret += (20.0 * Math.sin(lng * Math.PI) + 40.0 * Math.sin(lng / 3.0 * Math.PI)) * 2.0 / 3.0;
        ret += (150.0 * Math.sin(lng / 12.0 * Math.PI) + 300.0 * Math.sin(lng / 30.0 * Math.PI)) * 2.0 / 3.0;
        return ret;
    }
}
