package io.shikong.tiles.mvt;

import io.github.sebasbaumh.mapbox.vectortile.VectorTile;
import io.github.sebasbaumh.mapbox.vectortile.adapt.jts.IUserDataConverter;
import io.github.sebasbaumh.mapbox.vectortile.adapt.jts.JtsAdapter;
import io.github.sebasbaumh.mapbox.vectortile.build.MvtLayerParams;
import io.github.sebasbaumh.mapbox.vectortile.build.MvtLayerProps;
import io.github.sebasbaumh.mapbox.vectortile.util.MvtUtil;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.locationtech.jts.geom.Coordinate;
import org.locationtech.jts.geom.CoordinateArrays;
import org.locationtech.jts.geom.Envelope;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.geom.GeometryFactory;
import org.locationtech.jts.geom.LineString;
import org.locationtech.jts.geom.Point;
import org.locationtech.jts.geom.Polygon;
import org.locationtech.jts.geom.PrecisionModel;
import org.locationtech.jts.geom.util.AffineTransformation;
import org.locationtech.jts.operation.overlayng.OverlayNG;
import org.locationtech.jts.operation.overlayng.OverlayNGRobust;
import org.locationtech.jts.precision.GeometryPrecisionReducer;
import org.locationtech.jts.simplify.TopologyPreservingSimplifier;

/**
 * One MVT layer encoded in Java (mapbox-vector-tile-java), the way {@code ST_AsMVTGeom}/{@code ST_AsMVT}
 * do it in PostGIS, so both encoders give the same features: each geometry, already in the tile CRS, is
 * scaled to tile units (y down), simplified (topology preserved), clipped to the tile grown by the buffer,
 * snapped to the integer grid; whatever falls outside or collapses is left out. An integer id is the
 * feature id; a text id is the property {@code id}. Properties with {@code null} values are omitted; dates
 * are {@code yyyy-MM-dd}, instants UTC {@code yyyy-MM-dd'T'HH:mm:ss.SSS'Z'}, as in the PostGIS statement.
 */
final class JavaLayerEncoder {

    private static final DateTimeFormatter INSTANT =
            DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSS'Z'").withZone(ZoneOffset.UTC);
    private static final PrecisionModel GRID = new PrecisionModel(1.0);

    /** What a geometry carries to the tag converter. */
    private record Tags(Long id, Map<String, Object> properties) {
    }

    private final String name;
    private final Envelope tile;
    private final int extent;
    private final double simplify;
    private final GeometryFactory factory = new GeometryFactory();
    private final AffineTransformation toTile;
    private final Envelope clip;
    private final Geometry clipBox;
    private final List<Geometry> features = new ArrayList<>();

    /**
     * @param tile     the tile's bounds in the tile CRS
     * @param simplify tolerance in tile units ({@code 0} = none)
     */
    JavaLayerEncoder(String name, Envelope tile, int extent, int buffer, double simplify) {
        this.name = name;
        this.tile = tile;
        this.extent = extent;
        this.simplify = simplify;
        double sx = extent / tile.getWidth();
        double sy = extent / tile.getHeight();
        this.toTile = new AffineTransformation(sx, 0, -sx * tile.getMinX(), 0, -sy, sy * tile.getMaxY());
        this.clip = new Envelope(-buffer, extent + buffer, -buffer, extent + buffer);
        this.clipBox = factory.toGeometry(clip);
    }

    /** The tile's bounds this layer is cut to, in the tile CRS. */
    Envelope tile() {
        return tile;
    }

    /**
     * Adds one feature; returns whether it is in the tile (false when it fell outside or collapsed).
     *
     * @param geometry   in the tile CRS (x = easting/longitude)
     * @param id         the MVT feature id, or {@code null} for none
     * @param properties written in order, {@code null} values skipped
     */
    boolean add(Geometry geometry, Long id, Map<String, Object> properties) {
        Geometry g = tileGeometry(geometry);
        if (g == null) {
            return false;
        }
        Map<String, Object> values = new LinkedHashMap<>();
        properties.forEach((k, v) -> {
            Object value = value(v);
            if (value != null) {
                values.put(k, value);
            }
        });
        g.setUserData(new Tags(id, values));
        features.add(g);
        return true;
    }

    /** The encoded layer as one tile, or zero bytes when no feature was added. */
    byte[] encode() {
        if (features.isEmpty()) {
            return new byte[0];
        }
        MvtLayerParams params = new MvtLayerParams(extent);
        VectorTile.Tile.Layer.Builder layer = MvtUtil.newLayerBuilder(name, params);
        MvtLayerProps props = new MvtLayerProps();
        IUserDataConverter tags = (data, layerProps, feature) -> {
            Tags t = (Tags) data;
            if (t.id() != null) {
                feature.setId(t.id());
            }
            t.properties().forEach((k, v) -> {
                feature.addTags(layerProps.addKey(k));
                feature.addTags(layerProps.addValue(v));
            });
        };
        JtsAdapter.addFeatures(layer, features, props, tags);
        MvtUtil.writeProps(layer, props);
        return VectorTile.Tile.newBuilder().addLayers(layer.build()).build().toByteArray();
    }

    /** The geometry in tile units, simplified, clipped and snapped; {@code null} when nothing is left. */
    Geometry tileGeometry(Geometry geometry) {
        if (geometry == null || geometry.isEmpty()) {
            return null;
        }
        Geometry g = toTile.transform(geometry);
        int dimension = g.getDimension();
        if (dimension == 0) {
            return points(g);
        }
        if (simplify > 0) {
            g = TopologyPreservingSimplifier.simplify(g, simplify);
        }
        if (!clip.contains(g.getEnvelopeInternal())) {
            if (!clip.intersects(g.getEnvelopeInternal())) {
                return null;
            }
            g = sameDimension(OverlayNGRobust.overlay(g, clipBox, OverlayNG.INTERSECTION), dimension);
            if (g == null) {
                return null;
            }
        }
        g = dimension == 1 ? snapLines(g) : sameDimension(GeometryPrecisionReducer.reduce(g, GRID), 2);
        return g == null || g.isEmpty() ? null : g;
    }

    private Geometry points(Geometry g) {
        List<Point> inside = new ArrayList<>();
        for (int i = 0; i < g.getNumGeometries(); i++) {
            Coordinate c = g.getGeometryN(i).getCoordinate();
            if (c != null && clip.contains(c)) {
                inside.add(factory.createPoint(new Coordinate(Math.rint(c.x), Math.rint(c.y))));
            }
        }
        if (inside.isEmpty()) {
            return null;
        }
        return inside.size() == 1 && g instanceof Point ? inside.get(0)
                : factory.createMultiPoint(inside.toArray(Point[]::new));
    }

    /** Lines snapped to the grid point by point, repeated points removed, collapsed parts dropped. */
    private Geometry snapLines(Geometry g) {
        List<LineString> lines = new ArrayList<>();
        for (int i = 0; i < g.getNumGeometries(); i++) {
            Coordinate[] cs = g.getGeometryN(i).getCoordinates();
            for (Coordinate c : cs) {
                c.x = Math.rint(c.x);
                c.y = Math.rint(c.y);
            }
            cs = CoordinateArrays.removeRepeatedPoints(cs);
            if (cs.length >= 2) {
                lines.add(factory.createLineString(cs));
            }
        }
        if (lines.isEmpty()) {
            return null;
        }
        return lines.size() == 1 ? lines.get(0) : factory.createMultiLineString(lines.toArray(LineString[]::new));
    }

    /** The parts of {@code g} of the given dimension, as a single or multi geometry; {@code null} if none. */
    private Geometry sameDimension(Geometry g, int dimension) {
        if (g.getDimension() == dimension && !(g.getClass() == org.locationtech.jts.geom.GeometryCollection.class)) {
            return g.isEmpty() ? null : g;
        }
        List<Geometry> parts = new ArrayList<>();
        for (int i = 0; i < g.getNumGeometries(); i++) {
            Geometry p = g.getGeometryN(i);
            if (p.getDimension() == dimension && !p.isEmpty()) {
                parts.add(p);
            }
        }
        if (parts.isEmpty()) {
            return null;
        }
        if (parts.size() == 1) {
            return parts.get(0);
        }
        return dimension == 2 ? factory.createMultiPolygon(parts.toArray(Polygon[]::new))
                : factory.createMultiLineString(parts.toArray(LineString[]::new));
    }

    /** A property value as MVT can hold it, the way PostgisVectorTiles writes the same column. */
    static Object value(Object v) {
        if (v == null || v instanceof String || v instanceof Boolean || v instanceof Double || v instanceof Float
                || v instanceof Long || v instanceof Integer) {
            return v;
        }
        if (v instanceof Short s) {
            return s.intValue();
        }
        if (v instanceof BigDecimal d) {
            return d.doubleValue();
        }
        if (v instanceof Instant i) {
            return INSTANT.format(i);
        }
        if (v instanceof java.time.OffsetDateTime t) {
            return INSTANT.format(t.toInstant());
        }
        if (v instanceof LocalDate d) {
            return d.toString();
        }
        return v.toString();
    }
}
