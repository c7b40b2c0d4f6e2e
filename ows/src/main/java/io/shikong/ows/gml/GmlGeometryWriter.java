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
 * 3.2 requires a gml:id on every geometry; ids are derived from the feature's. Element names and the
 * srsName/srsDimension attributes are encoded once per writer; coordinates are written straight into the
 * XML writer's buffer.
 */
public final class GmlGeometryWriter {

    private static final Xml.Name POINT = Xml.Name.of("gml:Point");
    private static final Xml.Name POS = Xml.Name.of("gml:pos");
    private static final Xml.Name LINE_STRING = Xml.Name.of("gml:LineString");
    private static final Xml.Name POS_LIST = Xml.Name.of("gml:posList");
    private static final Xml.Name POLYGON = Xml.Name.of("gml:Polygon");
    private static final Xml.Name EXTERIOR = Xml.Name.of("gml:exterior");
    private static final Xml.Name INTERIOR = Xml.Name.of("gml:interior");
    private static final Xml.Name LINEAR_RING = Xml.Name.of("gml:LinearRing");
    private static final Xml.Name MULTI_POINT = Xml.Name.of("gml:MultiPoint");
    private static final Xml.Name POINT_MEMBER = Xml.Name.of("gml:pointMember");
    private static final Xml.Name MULTI_CURVE = Xml.Name.of("gml:MultiCurve");
    private static final Xml.Name CURVE_MEMBER = Xml.Name.of("gml:curveMember");
    private static final Xml.Name MULTI_SURFACE = Xml.Name.of("gml:MultiSurface");
    private static final Xml.Name SURFACE_MEMBER = Xml.Name.of("gml:surfaceMember");
    private static final Xml.Name MULTI_GEOMETRY = Xml.Name.of("gml:MultiGeometry");
    private static final Xml.Name GEOMETRY_MEMBER = Xml.Name.of("gml:geometryMember");
    /** {@code .1}, {@code .2}, ...: the id suffixes of members. */
    private static final String[] MEMBER = new String[64];

    static {
        for (int i = 0; i < MEMBER.length; i++) {
            MEMBER[i] = "." + (i + 1);
        }
    }

    private final Xml x;
    private final boolean gml32;
    private final boolean latFirst;
    /** {@code  srsName="..." srsDimension="2"}, as Xml writes them. */
    private final byte[] srs;

    public GmlGeometryWriter(Xml x, boolean gml32, String srsName, boolean latFirst) {
        this.x = x;
        this.gml32 = gml32;
        this.latFirst = latFirst;
        this.srs = Xml.attributes("srsName", srsName, "srsDimension", "2");
    }

    /** Writes {@code g} with {@code id} as the base of its gml:ids. */
    public void write(Geometry g, String id) {
        write(g, id, null, null, true);
    }

    /** Writes {@code g} with {@code id + suffix} as the base of its gml:ids, without building that id. */
    public void write(Geometry g, String id, String suffix) {
        write(g, id, suffix, null, true);
    }

    /** The geometry's gml:id is {@code a + b + c} (null parts left out). */
    private void write(Geometry g, String a, String b, String c, boolean top) {
        if (g instanceof Point p) {
            open(POINT, a, b, c, top);
            x.start(POS);
            coords(p.getCoordinateSequence());
            x.end();
            x.end();
        } else if (g instanceof LineString l) {
            open(LINE_STRING, a, b, c, top);
            x.start(POS_LIST);
            coords(l.getCoordinateSequence());
            x.end();
            x.end();
        } else if (g instanceof Polygon p) {
            open(POLYGON, a, b, c, top);
            ring(EXTERIOR, p.getExteriorRing());
            for (int i = 0; i < p.getNumInteriorRing(); i++) {
                ring(INTERIOR, p.getInteriorRingN(i));
            }
            x.end();
        } else if (g instanceof MultiPoint mp) {
            members(MULTI_POINT, POINT_MEMBER, mp, a, b, c, top);
        } else if (g instanceof MultiLineString ml) {
            members(MULTI_CURVE, CURVE_MEMBER, ml, a, b, c, top);
        } else if (g instanceof MultiPolygon mpoly) {
            members(MULTI_SURFACE, SURFACE_MEMBER, mpoly, a, b, c, top);
        } else {
            members(MULTI_GEOMETRY, GEOMETRY_MEMBER, g, a, b, c, top);
        }
    }

    private void members(Xml.Name element, Xml.Name member, Geometry g, String a, String b, String c, boolean top) {
        open(element, a, b, c, top);
        for (int i = 0; i < g.getNumGeometries(); i++) {
            x.start(member);
            String suffix = i < MEMBER.length ? MEMBER[i] : "." + (i + 1);
            if (c == null) {
                write(g.getGeometryN(i), a, b, suffix, false);
            } else {
                write(g.getGeometryN(i), concat(a, b, c), suffix, null, false);
            }
            x.end();
        }
        x.end();
    }

    private static String concat(String a, String b, String c) {
        return (a == null ? "" : a) + (b == null ? "" : b) + (c == null ? "" : c);
    }

    private void open(Xml.Name element, String a, String b, String c, boolean top) {
        x.start(element);
        if (gml32) {
            x.attr("gml:id", a, b, c);
        }
        if (top) {
            x.rawAttributes(srs);
        }
    }

    private void ring(Xml.Name element, LineString ring) {
        x.start(element).start(LINEAR_RING).start(POS_LIST);
        coords(ring.getCoordinateSequence());
        x.end().end().end();
    }

    /** The positions of {@code s} as the element's text: shortest round-trip decimals, space-separated. */
    private void coords(CoordinateSequence s) {
        int n = s.size();
        byte[] b = x.room(n * 2 * (DoubleText.MAX_LENGTH + 1));
        int pos = x.position();
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
        x.position(pos);
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
