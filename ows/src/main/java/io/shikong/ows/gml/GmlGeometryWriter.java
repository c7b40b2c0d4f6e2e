package io.shikong.ows.gml;

import io.shikong.core.encode.DoubleText;
import io.shikong.ows.xml.Xml;
import org.locationtech.jts.geom.CoordinateSequence;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.geom.LineString;
import org.locationtech.jts.geom.MultiLineString;
import org.locationtech.jts.geom.MultiPoint;
import org.locationtech.jts.geom.MultiPolygon;
import org.locationtech.jts.geom.Point;
import org.locationtech.jts.geom.Polygon;

/**
 * Writes JTS geometries as GML 3.2 or 3.1.1 (Point, LineString, Polygon, MultiPoint, MultiCurve,
 * MultiSurface), swapping to latitude/northing first when the srsName asks for EPSG axis order. GML
 * 3.2 requires a gml:id on every geometry; ids are derived from the feature's.
 */
public final class GmlGeometryWriter {

    private final Xml x;
    private final boolean gml32;
    private final boolean latFirst;
    private final String srsName;
    /** Coordinates as text, written straight into the XML output (no String per list). */
    private byte[] text = new byte[1024];

    public GmlGeometryWriter(Xml x, boolean gml32, String srsName, boolean latFirst) {
        this.x = x;
        this.gml32 = gml32;
        this.srsName = srsName;
        this.latFirst = latFirst;
    }

    /** Writes {@code g} with {@code id} as the base of its gml:ids. */
    public void write(Geometry g, String id) {
        write(g, id, true);
    }

    private void write(Geometry g, String id, boolean top) {
        if (g instanceof Point p) {
            open("gml:Point", id, top);
            x.start("gml:pos");
            coords(p.getCoordinateSequence());
            x.end();
            x.end();
        } else if (g instanceof LineString l) {
            open("gml:LineString", id, top);
            x.start("gml:posList");
            coords(l.getCoordinateSequence());
            x.end();
            x.end();
        } else if (g instanceof Polygon p) {
            open("gml:Polygon", id, top);
            ring("gml:exterior", p.getExteriorRing());
            for (int i = 0; i < p.getNumInteriorRing(); i++) {
                ring("gml:interior", p.getInteriorRingN(i));
            }
            x.end();
        } else if (g instanceof MultiPoint mp) {
            members("gml:MultiPoint", "gml:pointMember", mp, id, top);
        } else if (g instanceof MultiLineString ml) {
            members("gml:MultiCurve", "gml:curveMember", ml, id, top);
        } else if (g instanceof MultiPolygon mpoly) {
            members("gml:MultiSurface", "gml:surfaceMember", mpoly, id, top);
        } else {
            members(gml32 ? "gml:MultiGeometry" : "gml:MultiGeometry", "gml:geometryMember", g, id, top);
        }
    }

    private void members(String element, String member, Geometry g, String id, boolean top) {
        open(element, id, top);
        for (int i = 0; i < g.getNumGeometries(); i++) {
            x.start(member);
            write(g.getGeometryN(i), id + "." + (i + 1), false);
            x.end();
        }
        x.end();
    }

    private void open(String element, String id, boolean top) {
        x.start(element);
        if (gml32) {
            x.attr("gml:id", id);
        }
        if (top) {
            x.attr("srsName", srsName);
            x.attr("srsDimension", "2");
        }
    }

    private void ring(String element, LineString ring) {
        x.start(element).start("gml:LinearRing").start("gml:posList");
        coords(ring.getCoordinateSequence());
        x.end().end().end();
    }

    /** The positions of {@code s} as the element's text: shortest round-trip decimals, space-separated. */
    private void coords(CoordinateSequence s) {
        int n = s.size();
        int need = n * 2 * (DoubleText.MAX_LENGTH + 1);
        if (need > text.length) {
            text = new byte[Math.max(need, text.length * 2)];
        }
        byte[] b = text;
        int pos = 0;
        for (int i = 0; i < n; i++) {
            if (i > 0) {
                b[pos++] = ' ';
            }
            double a = latFirst ? s.getY(i) : s.getX(i);
            double c = latFirst ? s.getX(i) : s.getY(i);
            pos = DoubleText.write(a, b, pos);
            b[pos++] = ' ';
            pos = DoubleText.write(c, b, pos);
        }
        x.ascii(b, 0, pos);
    }

    /** The GML property type of a layer geometry type, for schemas. */
    public static String propertyType(io.shikong.core.catalog.GeometryType type, boolean gml32) {
        return switch (type) {
            case POINT -> "gml:PointPropertyType";
            case LINESTRING -> gml32 ? "gml:CurvePropertyType" : "gml:LineStringPropertyType";
            case POLYGON -> gml32 ? "gml:SurfacePropertyType" : "gml:PolygonPropertyType";
            case MULTIPOINT -> "gml:MultiPointPropertyType";
            case MULTILINESTRING -> "gml:MultiCurvePropertyType";
            case MULTIPOLYGON -> "gml:MultiSurfacePropertyType";
            case GEOMETRY -> "gml:GeometryPropertyType";
        };
    }
}
