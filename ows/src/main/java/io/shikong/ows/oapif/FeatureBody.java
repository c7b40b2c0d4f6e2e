package io.shikong.ows.oapif;

import io.shikong.core.catalog.AttributeDefinition;
import io.shikong.core.catalog.LayerDefinition;
import io.shikong.core.crs.Crs;
import io.shikong.core.crs.CrsService;
import io.shikong.core.error.InvalidParameterException;
import io.shikong.core.feature.Values;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.locationtech.jts.geom.Coordinate;
import org.locationtech.jts.geom.Envelope;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.geom.GeometryFactory;
import org.locationtech.jts.geom.LineString;
import org.locationtech.jts.geom.LinearRing;
import org.locationtech.jts.geom.Point;
import org.locationtech.jts.geom.Polygon;
import org.locationtech.jts.operation.valid.IsValidOp;
import org.locationtech.jts.operation.valid.TopologyValidationError;

/**
 * The GeoJSON Feature of a POST, PUT or PATCH (Part 4): its geometry (in the {@code Content-Crs} of the
 * request, CRS84 by default, in that CRS's axis order) turned to the storage CRS and checked for validity, its
 * properties typed by the collection's schema. {@code valid_from} and {@code valid_to} are the store's to set
 * and are ignored, so a client may send back what it read; {@code id} and {@code version} likewise. Every mistake
 * is a 400 that names the member.
 *
 * @param geometry   in the storage CRS, longitude/easting first; {@code null} when absent (PATCH keeps it)
 * @param hasGeometry whether the body has a {@code geometry} member
 * @param properties typed values of the named properties
 */
record FeatureBody(Geometry geometry, boolean hasGeometry, Map<String, Object> properties, String id) {

    private static final GeometryFactory GF = new GeometryFactory();

    static FeatureBody read(byte[] body, LayerDefinition layer, Crs bodyCrs, CrsService crsService) {
        Object doc = Json.read(body, "body");
        if (!(doc instanceof Map<?, ?> m) || !"Feature".equals(m.get("type"))) {
            throw new InvalidParameterException("body", "the body must be a GeoJSON Feature: an object with "
                    + "\"type\": \"Feature\", \"geometry\" and \"properties\"");
        }
        Geometry g = null;
        boolean hasGeometry = m.containsKey("geometry");
        if (m.get("geometry") != null) {
            g = geometry(m.get("geometry"), "geometry");
            if (g.isEmpty()) {
                throw new InvalidParameterException("geometry", "the geometry is empty");
            }
            String want = layer.geometryType().name();
            if (want.equals("MULTI" + g.getGeometryType().toUpperCase(java.util.Locale.ROOT))) {
                g = promote(g); // a Polygon for a MultiPolygon collection, as desktop clients send
            }
            if (!want.equals("GEOMETRY") && !g.getGeometryType().equalsIgnoreCase(want)) {
                throw new InvalidParameterException("geometry", "a " + g.getGeometryType() + " given; the features of "
                        + layer.name() + " are " + layer.geometryType().name().toLowerCase(java.util.Locale.ROOT) + "s");
            }
            g = OapifCrs.axisOrder(g, bodyCrs);
            if (bodyCrs.geographic()) {
                Envelope e = g.getEnvelopeInternal();
                if (e.getMinX() < -180 || e.getMaxX() > 180 || e.getMinY() < -90 || e.getMaxY() > 90) {
                    throw new InvalidParameterException("geometry", "the geometry reaches outside longitude [-180,180] / "
                            + "latitude [-90,90] of " + OapifCrs.uri(bodyCrs) + (bodyCrs.northingFirst()
                            ? " (latitude first)" : " (longitude first)") + "; name another CRS in the Content-Crs header");
                }
            }
            IsValidOp valid = new IsValidOp(g);
            if (!valid.isValid()) {
                TopologyValidationError e = valid.getValidationError();
                Coordinate at = OapifCrs.axisOrder(GF.createPoint(e.getCoordinate()), bodyCrs).getCoordinate();
                throw new InvalidParameterException("geometry", "the geometry is not valid: " + e.getMessage()
                        + " at (" + at.x + " " + at.y + ")");
            }
            Crs storage = crsService.resolve("EPSG:" + layer.srid());
            if (!storage.equals(bodyCrs)) {
                g = crsService.transform(g, bodyCrs, storage);
            }
            g.setSRID(layer.srid());
        }
        Map<String, Object> props = new LinkedHashMap<>();
        Object p = m.get("properties");
        if (p != null && !(p instanceof Map<?, ?>)) {
            throw new InvalidParameterException("properties", "properties must be an object");
        }
        if (p instanceof Map<?, ?> pm) {
            for (Map.Entry<?, ?> e : pm.entrySet()) {
                String name = String.valueOf(e.getKey());
                if (name.equals(layer.validFromColumn()) || name.equals(layer.validToColumn())) {
                    continue;
                }
                AttributeDefinition a = layer.attribute(name).orElseThrow(() -> new InvalidParameterException(name,
                        "'" + name + "' is not a property of " + layer.name() + "; its properties are "
                                + String.join(", ", layer.attributes().stream().map(AttributeDefinition::name).toList())));
                Object v = e.getValue();
                if (v instanceof Map<?, ?> || v instanceof List<?>) {
                    throw new InvalidParameterException(name, "'" + name + "' must be a plain value, not an object or array");
                }
                props.put(name, Values.convert(v, a.type(), name));
            }
        }
        Object id = m.get("id");
        return new FeatureBody(g, hasGeometry, props, id == null ? null : String.valueOf(id));
    }

    private static Geometry promote(Geometry g) {
        if (g instanceof Point p) {
            return GF.createMultiPoint(new Point[] {p});
        }
        if (g instanceof LineString l) {
            return GF.createMultiLineString(new LineString[] {l});
        }
        return GF.createMultiPolygon(new Polygon[] {(Polygon) g});
    }

    static Geometry geometry(Object o, String at) {
        if (!(o instanceof Map<?, ?> m) || !(m.get("type") instanceof String type)) {
            throw new InvalidParameterException(at, "a GeoJSON geometry is an object with a type and coordinates");
        }
        if (type.equals("GeometryCollection")) {
            if (!(m.get("geometries") instanceof List<?> parts)) {
                throw new InvalidParameterException(at, "a GeometryCollection needs 'geometries'");
            }
            Geometry[] gs = new Geometry[parts.size()];
            for (int i = 0; i < gs.length; i++) {
                gs[i] = geometry(parts.get(i), at + ".geometries[" + i + "]");
            }
            return GF.createGeometryCollection(gs);
        }
        Object c = m.get("coordinates");
        if (!(c instanceof List<?> coords)) {
            throw new InvalidParameterException(at, "the " + type + " has no coordinates array");
        }
        String where = at + ".coordinates";
        return switch (type) {
            case "Point" -> GF.createPoint(position(coords, where));
            case "LineString" -> line(coords, where);
            case "Polygon" -> polygon(coords, where);
            case "MultiPoint" -> GF.createMultiPoint(list(coords, where).stream().map(x -> GF.createPoint(position(x, where)))
                    .toArray(Point[]::new));
            case "MultiLineString" -> GF.createMultiLineString(list(coords, where).stream().map(x -> line(x, where))
                    .toArray(LineString[]::new));
            case "MultiPolygon" -> GF.createMultiPolygon(list(coords, where).stream().map(x -> polygon(x, where))
                    .toArray(Polygon[]::new));
            default -> throw new InvalidParameterException(at, "unknown geometry type '" + type + "'");
        };
    }

    private static List<?> list(Object o, String at) {
        if (!(o instanceof List<?> l)) {
            throw new InvalidParameterException(at, "an array is expected in " + at);
        }
        return l;
    }

    private static Coordinate position(Object o, String at) {
        List<?> p = list(o, at);
        if (p.size() < 2 || p.size() > 3 || !(p.get(0) instanceof Number x) || !(p.get(1) instanceof Number y)) {
            throw new InvalidParameterException(at, "a position is an array of 2 or 3 numbers, found " + p);
        }
        if (!Double.isFinite(x.doubleValue()) || !Double.isFinite(y.doubleValue())) {
            throw new InvalidParameterException(at, "a position holds finite numbers only");
        }
        return new Coordinate(x.doubleValue(), y.doubleValue());
    }

    private static LineString line(Object o, String at) {
        List<?> l = list(o, at);
        if (l.size() < 2) {
            throw new InvalidParameterException(at, "a LineString needs at least 2 positions, found " + l.size());
        }
        return GF.createLineString(l.stream().map(x -> position(x, at)).toArray(Coordinate[]::new));
    }

    private static Polygon polygon(Object o, String at) {
        List<?> rings = list(o, at);
        if (rings.isEmpty()) {
            throw new InvalidParameterException(at, "a Polygon needs an exterior ring");
        }
        List<LinearRing> rs = new ArrayList<>();
        for (Object r : rings) {
            List<?> pts = list(r, at);
            Coordinate[] cs = pts.stream().map(x -> position(x, at)).toArray(Coordinate[]::new);
            if (cs.length < 4 || !cs[0].equals2D(cs[cs.length - 1])) {
                throw new InvalidParameterException(at, "a polygon ring needs at least 4 positions, the last the same as the first");
            }
            rs.add(GF.createLinearRing(cs));
        }
        return GF.createPolygon(rs.get(0), rs.subList(1, rs.size()).toArray(LinearRing[]::new));
    }
}
