package io.shikong.ows.gml;

import io.shikong.core.crs.CrsService;
import io.shikong.core.error.InvalidParameterException;
import io.shikong.ows.SrsName;
import java.util.ArrayList;
import java.util.List;
import org.locationtech.jts.geom.Coordinate;
import org.locationtech.jts.geom.Envelope;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.geom.GeometryFactory;
import org.locationtech.jts.geom.LineString;
import org.locationtech.jts.geom.LinearRing;
import org.locationtech.jts.geom.Point;
import org.locationtech.jts.geom.Polygon;
import org.w3c.dom.Element;
import org.w3c.dom.Node;

/**
 * Reads GML 2, 3.1.1 and 3.2 geometries (Point, LineString, LinearRing, Polygon, Envelope, Box, and
 * the multi-geometries with their member elements) from a DOM element, in either GML namespace.
 * Coordinates come back x = longitude/easting, in the CRS of the srsName (inherited from the enclosing
 * element or the given default), whose axis order decides whether they were latitude first.
 */
public final class GmlGeometryReader {

    /** Coordinates per geometry accepted in a request: a filter or an insert, not a bulk load. */
    public static final int MAX_COORDINATES = 1_000_000;
    private static final GeometryFactory GF = new GeometryFactory();

    private final CrsService crsService;
    private final SrsName defaultSrs;
    private final String locator;
    private final boolean forceXy;
    private int coordinates;

    public GmlGeometryReader(CrsService crsService, SrsName defaultSrs, String locator) {
        this(crsService, defaultSrs, locator, false);
    }

    /**
     * @param forceXy read every coordinate x/y whatever the srsName says: WFS 1.0 (and QGIS's WFS-T
     *                1.0 documents, which carry a URN srsName but x/y coordinates) knows no other order
     */
    public GmlGeometryReader(CrsService crsService, SrsName defaultSrs, String locator, boolean forceXy) {
        this.crsService = crsService;
        this.defaultSrs = defaultSrs;
        this.locator = locator;
        this.forceXy = forceXy;
    }

    /** A geometry and the CRS it is in. */
    public record Read(Geometry geometry, SrsName srs) {
    }

    public Read read(Element e) {
        SrsName srs = srs(e, defaultSrs);
        return new Read(geometry(e, srs), srs);
    }

    /** A gml:Envelope (or GML 2 Box) as an envelope with its CRS. */
    public Envelope envelope(Element e, SrsName srs) {
        String name = e.getLocalName();
        if (name.equals("Envelope")) {
            Element lower = child(e, "lowerCorner");
            Element upper = child(e, "upperCorner");
            if (lower != null && upper != null) {
                double[] a = numbers(lower.getTextContent());
                double[] b = numbers(upper.getTextContent());
                if (a.length != 2 || b.length != 2) {
                    throw bad("gml:Envelope corners need two numbers each");
                }
                return env(a[0], a[1], b[0], b[1], srs);
            }
            List<Element> pos = children(e, "pos");
            if (pos.size() == 2) {
                double[] a = numbers(pos.get(0).getTextContent());
                double[] b = numbers(pos.get(1).getTextContent());
                if (a.length < 2 || b.length < 2) {
                    throw bad("gml:Envelope positions need two numbers each");
                }
                return env(a[0], a[1], b[0], b[1], srs);
            }
        }
        if (name.equals("Box") || name.equals("Envelope")) {
            List<Coordinate> c = coords(e, srs);
            if (c.size() == 2) {
                Envelope env = new Envelope(c.get(0));
                env.expandToInclude(c.get(1));
                return env;
            }
        }
        throw bad("cannot read an envelope from gml:" + name);
    }

    private Envelope env(double a0, double a1, double b0, double b1, SrsName srs) {
        return latFirst(srs) ? new Envelope(a1, b1, a0, b0) : new Envelope(a0, b0, a1, b1);
    }

    /** The srsName of an element, else of the nearest ancestor that has one, else the default. */
    public SrsName srs(Element e, SrsName fallback) {
        for (Node n = e; n instanceof Element el; n = n.getParentNode()) {
            String s = el.getAttribute("srsName");
            if (!s.isBlank()) {
                return SrsName.parse(crsService, s, locator);
            }
        }
        return fallback;
    }

    private Geometry geometry(Element e, SrsName inherited) {
        // a blank srsName says nothing, as on an ancestor (parsing it gave a SrsName without a CRS)
        String own = e.getAttribute("srsName");
        SrsName srs = own.isBlank() ? inherited : SrsName.parse(crsService, own, locator);
        if (!srs.crs().equals(inherited.crs())) {
            throw bad("mixed CRSs inside one geometry");
        }
        String name = e.getLocalName();
        switch (name) {
            case "Point": {
                List<Coordinate> c = coords(e, srs);
                if (c.size() != 1) {
                    throw bad("gml:Point needs one position");
                }
                return GF.createPoint(c.get(0));
            }
            case "LineString": {
                List<Coordinate> c = coords(e, srs);
                if (c.size() < 2) {
                    throw bad("gml:LineString needs at least two positions");
                }
                return GF.createLineString(c.toArray(new Coordinate[0]));
            }
            case "LinearRing":
                return ring(e, srs);
            case "Polygon": {
                Element exterior = first(e, "exterior", "outerBoundaryIs");
                if (exterior == null) {
                    throw bad("gml:Polygon needs an exterior");
                }
                LinearRing shell = ring(onlyElement(exterior), srs);
                List<LinearRing> holes = new ArrayList<>();
                for (Element in : childrenOf(e, "interior", "innerBoundaryIs")) {
                    holes.add(ring(onlyElement(in), srs));
                }
                return GF.createPolygon(shell, holes.toArray(new LinearRing[0]));
            }
            case "Envelope":
            case "Box":
                return GF.toGeometry(envelope(e, srs));
            case "MultiPoint": {
                List<Point> parts = new ArrayList<>();
                members(e, srs, "pointMember", "pointMembers").forEach(g -> parts.add(cast(g, Point.class)));
                return GF.createMultiPoint(parts.toArray(new Point[0]));
            }
            case "MultiCurve":
            case "MultiLineString": {
                List<LineString> parts = new ArrayList<>();
                members(e, srs, "curveMember", "lineStringMember", "curveMembers").forEach(g -> parts.add(cast(g, LineString.class)));
                return GF.createMultiLineString(parts.toArray(new LineString[0]));
            }
            case "MultiSurface":
            case "MultiPolygon": {
                List<Polygon> parts = new ArrayList<>();
                members(e, srs, "surfaceMember", "polygonMember", "surfaceMembers").forEach(g -> parts.add(cast(g, Polygon.class)));
                return GF.createMultiPolygon(parts.toArray(new Polygon[0]));
            }
            case "MultiGeometry": {
                List<Geometry> parts = members(e, srs, "geometryMember", "geometryMembers");
                return GF.createGeometryCollection(parts.toArray(new Geometry[0]));
            }
            default:
                throw bad("gml:" + name + " is not a supported geometry (Point, LineString, Polygon, Envelope, "
                        + "MultiPoint, MultiCurve, MultiSurface, MultiGeometry)");
        }
    }

    private <T> T cast(Geometry g, Class<T> type) {
        if (!type.isInstance(g)) {
            throw bad("a " + g.getGeometryType() + " where a " + type.getSimpleName() + " belongs");
        }
        return type.cast(g);
    }

    private List<Geometry> members(Element e, SrsName srs, String... memberNames) {
        List<Geometry> out = new ArrayList<>();
        for (Element m : childrenOf(e, memberNames)) {
            for (Element g : elements(m)) {
                out.add(geometry(g, srs));
            }
        }
        return out;
    }

    private LinearRing ring(Element e, SrsName srs) {
        if (!e.getLocalName().equals("LinearRing")) {
            throw bad("expected gml:LinearRing, found gml:" + e.getLocalName());
        }
        List<Coordinate> c = coords(e, srs);
        if (c.size() < 4 || !c.get(0).equals2D(c.get(c.size() - 1))) {
            throw bad("a gml:LinearRing needs at least four positions, the last equal to the first");
        }
        return GF.createLinearRing(c.toArray(new Coordinate[0]));
    }

    private List<Coordinate> coords(Element e, SrsName srs) {
        List<Coordinate> out = new ArrayList<>();
        Element posList = child(e, "posList");
        if (posList != null) {
            int dim = dimension(posList);
            if (dim < 2 || dim > 3) {
                throw bad("srsDimension must be 2 or 3");
            }
            double[] n = numbers(posList.getTextContent());
            if (n.length % dim != 0) {
                throw bad("gml:posList has " + n.length + " numbers, not a multiple of " + dim);
            }
            for (int i = 0; i < n.length; i += dim) {
                out.add(coordinate(n[i], n[i + 1], srs));
            }
            return out;
        }
        List<Element> pos = children(e, "pos");
        if (!pos.isEmpty()) {
            for (Element p : pos) {
                double[] n = numbers(p.getTextContent());
                if (n.length < 2) {
                    throw bad("gml:pos needs two numbers");
                }
                out.add(coordinate(n[0], n[1], srs));
            }
            return out;
        }
        Element coordinates = child(e, "coordinates");
        if (coordinates != null) {
            String cs = coordinates.hasAttribute("cs") ? coordinates.getAttribute("cs") : ",";
            String ts = coordinates.hasAttribute("ts") ? coordinates.getAttribute("ts") : " ";
            String decimal = coordinates.hasAttribute("decimal") ? coordinates.getAttribute("decimal") : ".";
            if (cs.isEmpty() || ts.isEmpty() || decimal.isEmpty()) {
                throw bad("the cs, ts and decimal of gml:coordinates must not be empty, were '" + cs + "', '" + ts
                        + "' and '" + decimal + "'");
            }
            if (cs.equals(ts) || cs.equals(decimal) || ts.equals(decimal)) {
                throw bad("the cs, ts and decimal of gml:coordinates must differ, were '" + cs + "', '" + ts + "' and '"
                        + decimal + "'");
            }
            String text = coordinates.getTextContent().trim();
            // a blank tuple separator (the default) is any white space: tuples often stand on lines of their own
            String tuples = ts.isBlank() ? "\\s+" : "(?:" + java.util.regex.Pattern.quote(ts) + ")+";
            for (String tuple : text.split(tuples)) {
                String[] xy = tuple.trim().split(java.util.regex.Pattern.quote(cs), -1);
                if (xy.length < 2) {
                    throw bad("gml:coordinates tuple '" + tuple + "' needs two numbers");
                }
                out.add(coordinate(number(decimal(xy[0], decimal)), number(decimal(xy[1], decimal)), srs));
            }
            return out;
        }
        for (Element c : children(e, "coord")) {
            Element x = child(c, "X");
            Element y = child(c, "Y");
            if (x == null || y == null) {
                throw bad("gml:coord needs X and Y");
            }
            out.add(coordinate(number(x.getTextContent()), number(y.getTextContent()), srs));
        }
        if (out.isEmpty()) {
            throw bad("gml:" + e.getLocalName() + " has no coordinates");
        }
        return out;
    }

    /** A number of gml:coordinates with its decimal separator as a point. */
    private String decimal(String number, String decimal) {
        if (decimal.equals(".")) {
            return number;
        }
        if (number.contains(".")) {
            throw bad("'" + number + "' is not a coordinate with the decimal separator '" + decimal + "'");
        }
        return number.replace(decimal, ".");
    }

    private Coordinate coordinate(double a, double b, SrsName srs) {
        if (++coordinates > MAX_COORDINATES) {
            throw bad("more than " + MAX_COORDINATES + " coordinates");
        }
        return latFirst(srs) ? new Coordinate(b, a) : new Coordinate(a, b);
    }

    private boolean latFirst(SrsName srs) {
        return srs.latFirst() && !forceXy;
    }

    /** srsDimension of a posList, else of the nearest ancestor that says, else 2. */
    private int dimension(Element posList) {
        for (org.w3c.dom.Node n = posList; n instanceof Element el; n = n.getParentNode()) {
            String d = el.getAttribute("srsDimension").trim();
            if (!d.isEmpty()) {
                if (!d.equals("2") && !d.equals("3")) {
                    throw bad("srsDimension must be 2 or 3, not '" + d + "'");
                }
                return Integer.parseInt(d);
            }
        }
        return 2;
    }

    private double[] numbers(String text) {
        String t = text.trim();
        if (t.isEmpty()) {
            return new double[0];
        }
        String[] parts = t.split("\\s+");
        double[] out = new double[parts.length];
        for (int i = 0; i < parts.length; i++) {
            out[i] = number(parts[i]);
        }
        return out;
    }

    private double number(String s) {
        try {
            double d = Double.parseDouble(s.trim());
            if (Double.isFinite(d)) {
                return d;
            }
        } catch (NumberFormatException ignored) {
            // reported below
        }
        throw bad("'" + s + "' is not a coordinate");
    }

    private InvalidParameterException bad(String message) {
        return new InvalidParameterException(locator, "invalid GML geometry: " + message);
    }

    private Element onlyElement(Element parent) {
        List<Element> es = elements(parent);
        if (es.size() != 1) {
            throw bad("gml:" + parent.getLocalName() + " must hold exactly one geometry");
        }
        return es.get(0);
    }

    public static List<Element> elements(Element parent) {
        List<Element> out = new ArrayList<>();
        for (Node n = parent.getFirstChild(); n != null; n = n.getNextSibling()) {
            if (n instanceof Element el) {
                out.add(el);
            }
        }
        return out;
    }

    public static Element child(Element parent, String localName) {
        for (Node n = parent.getFirstChild(); n != null; n = n.getNextSibling()) {
            if (n instanceof Element el && localName.equals(el.getLocalName())) {
                return el;
            }
        }
        return null;
    }

    private static Element first(Element parent, String... names) {
        for (String name : names) {
            Element e = child(parent, name);
            if (e != null) {
                return e;
            }
        }
        return null;
    }

    public static List<Element> children(Element parent, String localName) {
        return childrenOf(parent, localName);
    }

    private static List<Element> childrenOf(Element parent, String... names) {
        List<Element> out = new ArrayList<>();
        for (Element e : elements(parent)) {
            for (String name : names) {
                if (name.equals(e.getLocalName())) {
                    out.add(e);
                }
            }
        }
        return out;
    }
}
