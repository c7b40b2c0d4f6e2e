package io.shikong.api.rest;

import io.micronaut.core.type.Argument;
import io.micronaut.json.JsonMapper;
import io.shikong.api.config.ShikongConfiguration;
import io.shikong.api.rest.model.GeometryDoc;
import io.shikong.core.crs.Crs;
import io.shikong.core.crs.CrsService;
import io.shikong.core.error.InvalidParameterException;
import io.shikong.core.error.MissingParameterException;
import io.shikong.core.params.Params;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.io.ParseException;
import org.locationtech.jts.io.WKTReader;
import org.locationtech.jts.io.geojson.GeoJsonReader;
import org.locationtech.jts.operation.valid.IsValidOp;
import org.locationtech.jts.operation.valid.TopologyValidationError;

/**
 * Reads the geometries of REST request bodies, one way for every endpoint: the query geometry of
 * spatial and sector queries, and the footprints of red-line checks. Every mistake is a 400 naming the
 * parameter at fault.
 *
 * <ul>
 *   <li>{@link #geometry}: an RFC 7946 geometry object (its {@code type} one of the geometry types, with
 *       its {@code coordinates}, or {@code geometries} for a collection), not empty, at most
 *       {@code shikong.query.max-vertices} vertices, valid (OGC simple features: a self-intersecting polygon is
 *       refused, saying where).</li>
 *   <li>{@link #footprints}: a geometry, Feature or FeatureCollection (one footprint per feature), or
 *       WKT, at most {@code shikong.red-line.max-footprints}; emptiness, size and validity are left to the red-line
 *       checker, which can repair an invalid footprint when asked and reports that it did.</li>
 *   <li>{@link #crs}: the {@code crs} of the input (EPSG codes Shikong serves, GCJ02, BD09); default CRS84.</li>
 * </ul>
 * Coordinates are longitude/easting first in every CRS, as GeoJSON requires.
 */
@Singleton
public final class GeoJsonGeometryReader {

    /** Query geometries with more vertices are refused by a reader made without configuration. */
    public static final int MAX_VERTICES = 100_000;
    /** The most footprints one red-line check takes with a reader made without configuration. */
    public static final int MAX_FOOTPRINTS = 1000;

    private static final Set<String> TYPES = Set.of("Point", "LineString", "Polygon", "MultiPoint", "MultiLineString",
            "MultiPolygon", "GeometryCollection");

    private final JsonMapper json;
    private final CrsService crsService;
    private final int maxVertices;
    private final int maxFootprints;

    /** With the configured limits, {@code shikong.query.max-vertices} and {@code shikong.red-line.max-footprints}. */
    @Inject
    public GeoJsonGeometryReader(JsonMapper json, CrsService crsService, ShikongConfiguration config) {
        this(json, crsService, config.query().maxVertices(), config.redLine().maxFootprints());
    }

    /** With {@value #MAX_VERTICES} vertices and {@value #MAX_FOOTPRINTS} footprints at most. */
    public GeoJsonGeometryReader(JsonMapper json, CrsService crsService) {
        this(json, crsService, MAX_VERTICES, MAX_FOOTPRINTS);
    }

    /**
     * @param maxVertices   query geometries with more vertices are refused: a query, not an upload
     * @param maxFootprints the most footprints one red-line check takes
     */
    public GeoJsonGeometryReader(JsonMapper json, CrsService crsService, int maxVertices, int maxFootprints) {
        this.json = json;
        this.crsService = crsService;
        this.maxVertices = maxVertices;
        this.maxFootprints = maxFootprints;
    }

    /**
     * A query geometry, checked, in the CRS it was sent in (SRID 0).
     *
     * @param geojson   the geometry as bound from the body (a model record or a map); {@code null}: missing
     * @param parameter the parameter named in errors, e.g. {@code geometry}
     * @throws MissingParameterException when there is none
     * @throws InvalidParameterException when it is not a GeoJSON geometry, is empty, too large or invalid
     */
    public Geometry geometry(Object geojson, String parameter) {
        if (geojson == null) {
            throw new MissingParameterException(parameter);
        }
        Geometry g = parse(geojson, parameter);
        if (g.isEmpty()) {
            throw new InvalidParameterException(parameter, "the geometry is empty");
        }
        if (g.getNumPoints() > maxVertices) {
            throw new InvalidParameterException(parameter, "the geometry has " + g.getNumPoints()
                    + " vertices; at most " + maxVertices + " are accepted");
        }
        TopologyValidationError error = new IsValidOp(g).getValidationError();
        if (error != null) {
            throw new InvalidParameterException(parameter, "invalid geometry: " + error.getMessage() + " at "
                    + error.getCoordinate());
        }
        g.setSRID(0);
        return g;
    }

    /** The CRS a request's geometries are in: the {@code crs} value, CRS84 when absent. */
    public Crs crs(String value) {
        return Params.crs(crsService, value, "crs", crsService.resolve("CRS84"));
    }

    /** {@code g}, in {@code from}, in the storage CRS with its SRID set (a copy: {@code g} is not changed). */
    public Geometry toStorage(Geometry g, Crs from, Crs storage) {
        Geometry t = from.equals(storage) ? g.copy() : crsService.transform(g, from, storage);
        t.setSRID(storage.epsg());
        return t;
    }

    /**
     * The footprints of a red-line check in the storage CRS (SRID set), in the order given.
     *
     * @param footprint a GeoJSON geometry, Feature or FeatureCollection (parameter {@code footprint}), or {@code null}
     * @param wkt       or one footprint as WKT (parameter {@code wkt}), or {@code null}
     * @param crs       the CRS of either (parameter {@code crs}); default CRS84
     * @throws MissingParameterException when neither is given
     */
    public List<Geometry> footprints(Object footprint, String wkt, String crs, Crs storage) {
        if (footprint == null && (wkt == null || wkt.isBlank())) {
            throw new MissingParameterException("footprint");
        }
        if (footprint != null && wkt != null) {
            throw new InvalidParameterException("footprint", "give the footprint as GeoJSON or as WKT, not both");
        }
        List<Geometry> raw = new ArrayList<>();
        if (wkt != null) {
            checkNesting(wkt);
            try {
                raw.add(new WKTReader().read(wkt));
            } catch (ParseException | RuntimeException e) {
                throw new InvalidParameterException("wkt", "not valid WKT: " + e.getMessage(), e);
            }
        } else if (footprint instanceof Map<?, ?> m) {
            Object type = m.get("type");
            if ("FeatureCollection".equals(type)) {
                if (!(m.get("features") instanceof List<?> features)) {
                    throw new InvalidParameterException("footprint", "a FeatureCollection needs a features array");
                }
                if (features.size() > maxFootprints) {
                    throw tooMany(features.size());
                }
                for (Object f : features) {
                    raw.add(feature(f));
                }
            } else if ("Feature".equals(type)) {
                raw.add(feature(m));
            } else {
                raw.add(parse(m, "footprint"));
            }
        } else {
            throw new InvalidParameterException("footprint", "footprint must be a GeoJSON object");
        }
        if (raw.size() > maxFootprints) {
            throw tooMany(raw.size());
        }
        Crs from = crs(crs);
        List<Geometry> out = new ArrayList<>();
        for (Geometry g : raw) {
            out.add(toStorage(g, from, storage));
        }
        return out;
    }

    /**
     * JTS' WKT reader recurses once per nested GEOMETRYCOLLECTION: thousands of levels overflow its stack (a 500).
     * WKT nested deeper than the filter depth ({@code shikong.query.max-filter-depth}, which bounds the
     * geometry literals of ECQL the same way) is refused before it is read.
     */
    private static void checkNesting(String wkt) {
        int max = io.shikong.core.filter.FilterDepth.current().max();
        int depth = 0;
        for (int i = 0; i < wkt.length(); i++) {
            char c = wkt.charAt(i);
            if (c == '(' && ++depth > max) {
                throw new InvalidParameterException("wkt", "not valid WKT: parentheses nested deeper than " + max
                        + " levels (" + io.shikong.core.filter.FilterDepth.KEY + ")");
            } else if (c == ')' && depth > 0) {
                depth--;
            }
        }
    }

    private InvalidParameterException tooMany(int n) {
        return new InvalidParameterException("footprint", n + " footprints; at most " + maxFootprints + " per check");
    }

    private Geometry feature(Object f) {
        if (!(f instanceof Map<?, ?> m) || !"Feature".equals(m.get("type")) || !(m.get("geometry") instanceof Map<?, ?> g)) {
            throw new InvalidParameterException("footprint", "every feature needs a geometry");
        }
        return parse(g, "footprint");
    }

    /** A GeoJSON geometry object: its type one of the geometry types, with coordinates (or geometries), read by JTS. */
    private Geometry parse(Object geojson, String parameter) {
        Map<?, ?> m;
        try {
            m = geojson instanceof Map<?, ?> map ? map
                    : geojson instanceof GeometryDoc d ? doc(d)
                    : json.readValue(json.writeValueAsString(geojson), Argument.mapOf(String.class, Object.class));
        } catch (IOException | RuntimeException e) {
            throw invalid(parameter, e.getMessage(), e);
        }
        Object type = m == null ? null : m.get("type");
        if (!(type instanceof String t) || !TYPES.contains(t)) {
            throw invalid(parameter, (type == null ? "no type" : "'" + type + "' is not a geometry type")
                    + " (one of " + String.join(", ", new java.util.TreeSet<>(TYPES)) + ")", null);
        }
        String member = t.equals("GeometryCollection") ? "geometries" : "coordinates";
        if (!(m.get(member) instanceof List<?> content)) {
            throw invalid(parameter, "a " + t + " needs its " + member + " array", null);
        }
        Geometry g;
        try {
            // an empty geometry is written out by hand: serialisers may leave out empty arrays
            g = new GeoJsonReader().read(content.isEmpty() ? "{\"type\":\"" + t + "\",\"" + member + "\":[]}"
                    : json.writeValueAsString(m));
        } catch (ParseException | IOException | RuntimeException e) {
            throw invalid(parameter, e.getMessage(), e);
        }
        if (g == null) {
            throw invalid(parameter, "no geometry", null);
        }
        return g;
    }

    private static Map<String, Object> doc(GeometryDoc d) {
        Map<String, Object> m = new java.util.LinkedHashMap<>();
        m.put("type", d.type());
        m.put("coordinates", d.coordinates());
        return m;
    }

    private static InvalidParameterException invalid(String parameter, String why, Throwable cause) {
        return new InvalidParameterException(parameter, "not a valid GeoJSON geometry: " + why, cause);
    }
}
