package io.shikong.core.catalog;

import java.util.Locale;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.geom.LineString;
import org.locationtech.jts.geom.MultiLineString;
import org.locationtech.jts.geom.MultiPoint;
import org.locationtech.jts.geom.MultiPolygon;
import org.locationtech.jts.geom.Point;
import org.locationtech.jts.geom.Polygon;

/** The geometry type of a layer; {@code GEOMETRY} accepts any. */
public enum GeometryType {
    POINT("Point", Point.class),
    LINESTRING("LineString", LineString.class),
    POLYGON("Polygon", Polygon.class),
    MULTIPOINT("MultiPoint", MultiPoint.class),
    MULTILINESTRING("MultiLineString", MultiLineString.class),
    MULTIPOLYGON("MultiPolygon", MultiPolygon.class),
    GEOMETRY("Geometry", Geometry.class);

    private final String label;
    private final Class<? extends Geometry> jtsType;

    GeometryType(String label, Class<? extends Geometry> jtsType) {
        this.label = label;
        this.jtsType = jtsType;
    }

    /** OGC simple-features name, e.g. {@code MultiPolygon}. */
    public String label() {
        return label;
    }

    /** True when {@code g} may be stored in a layer of this type. */
    public boolean accepts(Geometry g) {
        return jtsType.isInstance(g);
    }

    /** Parses the OGC name case-insensitively. @throws IllegalArgumentException naming the value */
    public static GeometryType parse(String name) {
        for (GeometryType t : values()) {
            if (t.label.toLowerCase(Locale.ROOT).equals(name == null ? "" : name.toLowerCase(Locale.ROOT))) {
                return t;
            }
        }
        throw new IllegalArgumentException("unknown geometry type '" + name
                + "' (one of Point, LineString, Polygon, MultiPoint, MultiLineString, MultiPolygon, Geometry)");
    }
}
