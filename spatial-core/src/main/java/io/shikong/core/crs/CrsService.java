package io.shikong.core.crs;

import io.shikong.core.error.InvalidCrsException;
import io.shikong.core.error.InvalidParameterException;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import org.geotools.api.referencing.FactoryException;
import org.geotools.api.referencing.crs.CoordinateReferenceSystem;
import org.geotools.api.referencing.operation.MathTransform;
import org.geotools.api.referencing.operation.TransformException;
import org.geotools.referencing.CRS;
import org.locationtech.jts.geom.CoordinateSequence;
import org.locationtech.jts.geom.CoordinateSequenceFilter;
import org.locationtech.jts.geom.Envelope;
import org.locationtech.jts.geom.Geometry;

/**
 * Resolves CRS identifiers to the supported set and transforms coordinates, envelopes and JTS
 * geometries between supported systems.
 *
 * <p><b>Axis order.</b> Every coordinate this service takes or returns is {@code x =
 * longitude/easting, y = latitude/northing}, on both sides, whatever order EPSG defines (EPSG:4490,
 * 4326 and the Gauss-Krüger zones are northing-first in EPSG). Swapping for the wire is the protocol
 * layer's job, guided by {@link Crs#northingFirst()}.
 *
 * <p><b>Datums.</b> CGCS2000 and WGS 84 are treated as coincident (a null transformation on
 * longitude/latitude). The EPSG database has no CGCS2000-to-WGS 84 transformation and GeoTools refuses
 * one ("Bursa wolf parameters required"); PROJ and so PostGIS use the same null transformation, and the
 * real difference is a few centimetres, below what any source data here resolves.
 *
 * <p><b>GCJ-02 and BD-09</b> are handled as offsets of WGS 84 longitude/latitude ({@link
 * ChinaOffsets}); a transform from or to them goes through EPSG:4326.
 *
 * <p><b>Web Mercator</b> is undefined at the poles; latitudes beyond ±{@value #MERCATOR_MAX_LAT}° are
 * clamped to that limit before projecting to EPSG:3857, as tile services do, so that whole-world
 * envelopes and geometries transform instead of failing.
 *
 * <p><b>Degenerate points.</b> A NaN in either coordinate gives NaN in both (never an exception). Points
 * far outside a projection's area of use are not rejected: GeoTools returns its best value, which may
 * be meaningless, and logs a warning; callers that care check the area themselves.
 *
 * <p>The constructor is cheap: GeoTools CRS objects and math transforms are decoded on first use (the
 * first decode unpacks the EPSG database, about a second) and cached. Instances are thread-safe and
 * meant to be shared.
 */
public final class CrsService {

    /** The latitude at which Web Mercator's square world ends. */
    static final double MERCATOR_MAX_LAT = 85.0511287798066;

    /** Points sampled on each side of an envelope; 32 keeps the error of a bounding box below 0.1%. */
    private static final int ENVELOPE_SAMPLES = 32;

    private final Map<String, CoordinateReferenceSystem> decoded = new ConcurrentHashMap<>();
    private final Map<String, Pipeline> pipelines = new ConcurrentHashMap<>();

    /** A service with empty caches; nothing is decoded until the first transform. */
    public CrsService() {
    }

    /**
     * The supported CRS the identifier names. Accepted, case-insensitively and after trimming:
     * {@code EPSG:4490}, {@code 4490}, {@code urn:ogc:def:crs:EPSG::4490} (with or without a version),
     * {@code urn:x-ogc:def:crs:EPSG:4490}, {@code http://www.opengis.net/def/crs/EPSG/0/4490},
     * {@code http://www.opengis.net/gml/srs/epsg.xml#4490}; {@code CRS:84},
     * {@code urn:ogc:def:crs:OGC:1.3:CRS84}, {@code http://www.opengis.net/def/crs/OGC/1.3/CRS84}
     * (giving {@code CRS84}: EPSG 4326 with longitude first); {@code GCJ02}, {@code GCJ-02},
     * {@code BD09}, {@code BD-09}; {@code EPSG:900913} as an alias of EPSG:3857.
     *
     * @throws InvalidCrsException (locator {@code crs}) when the identifier is null, blank, malformed,
     *         or names a CRS outside {@link #supported()}; the message names the identifier and lists
     *         the supported set
     */
    public Crs resolve(String identifier) {
        return CrsCatalog.resolve(identifier);
    }

    /** The CRS in which Shikong stores geometries: CGCS2000, EPSG:4490. */
    public Crs storage() {
        return CrsCatalog.CGCS2000;
    }

    /**
     * Every supported CRS, storage CRS first, then EPSG:4326, EPSG:3857, CRS84, GCJ02, BD09 and the
     * CGCS2000 Gauss-Krüger zones EPSG:4491..4554 in code order. The list is unmodifiable.
     */
    public List<Crs> supported() {
        return CrsCatalog.supported();
    }

    /**
     * The CGCS2000 3-degree Gauss-Krüger zone, with zone prefix in the easting (EPSG:4513..4533,
     * zones 25..45, central meridians 75°E..135°E), whose central meridian is nearest to the longitude;
     * e.g. 123.43 gives zone 41, CM 123°E, EPSG:4529. A longitude exactly on a zone border goes to the
     * eastern zone. Longitudes outside 73.5..136.5, infinities included, are clamped to the nearest
     * zone, since a neighbouring zone is the best available projection there.
     *
     * @throws InvalidParameterException (locator {@code longitude}) when the longitude is NaN
     */
    public Crs gaussKrugerZone(double longitude) {
        if (Double.isNaN(longitude)) {
            throw new InvalidParameterException("longitude",
                    "Cannot choose a Gauss-Kruger zone for longitude NaN");
        }
        long zone = Math.max(25, Math.min(45, Math.round(longitude / 3.0)));
        return CrsCatalog.gaussKruger(CrsCatalog.GK3_ZONE_FIRST + (int) zone - 25);
    }

    /**
     * Transforms one coordinate, {@code x} = longitude/easting and {@code y} = latitude/northing on both
     * sides. Same CRS gives the input back. NaN in gives NaN out.
     *
     * @return {@code {x, y}} in the target CRS
     * @throws InvalidParameterException (locator {@code crs}) when the point cannot be transformed, e.g.
     *         it is outside the projection's domain
     */
    public double[] transform(double x, double y, Crs from, Crs to) {
        double[] xy = {x, y};
        if (sameCoordinates(from, to)) {
            return xy;
        }
        try {
            pipeline(from, to).apply(xy);
        } catch (TransformException | RuntimeException e) {
            throw failure("(" + x + " " + y + ")", from, to, e);
        }
        return xy;
    }

    /**
     * The bounding box, in the target CRS, of the envelope's image. Each side is sampled at
     * {@value #ENVELOPE_SAMPLES} points, because a box's image under a projection is curved and its
     * corners alone can miss the extremes. The result is a new envelope; a null (empty) envelope gives a
     * null envelope; same CRS gives a copy.
     *
     * @throws InvalidParameterException (locator {@code crs}) when a sampled point cannot be
     *         transformed
     */
    public Envelope transform(Envelope envelope, Crs from, Crs to) {
        Objects.requireNonNull(envelope, "envelope");
        if (envelope.isNull() || sameCoordinates(from, to)) {
            return new Envelope(envelope);
        }
        Pipeline pipeline = pipeline(from, to);
        Envelope result = new Envelope();
        double[] xy = new double[2];
        try {
            for (int i = 0; i <= ENVELOPE_SAMPLES; i++) {
                double t = (double) i / ENVELOPE_SAMPLES;
                double x = envelope.getMinX() + t * envelope.getWidth();
                double y = envelope.getMinY() + t * envelope.getHeight();
                expand(result, pipeline, xy, x, envelope.getMinY());
                expand(result, pipeline, xy, x, envelope.getMaxY());
                expand(result, pipeline, xy, envelope.getMinX(), y);
                expand(result, pipeline, xy, envelope.getMaxX(), y);
            }
        } catch (TransformException | RuntimeException e) {
            throw failure("envelope " + envelope, from, to, e);
        }
        return result;
    }

    /**
     * Transforms a JTS geometry; its own SRID is ignored, {@code from} says what it is in. Returns a new
     * geometry with the SRID set to {@code to.epsg()} (4326 for GCJ02 and BD09, which have none).
     * Same CRS, or two of CRS84, EPSG:4326 and EPSG:4490 (same lon/lat coordinates, no datum shift),
     * returns the input itself, its SRID set to the target's. An empty geometry gives an empty geometry of the same type. Z values are kept untouched.
     * The result is not re-validated: a valid polygon stays valid in practice, since these transforms
     * are smooth at the scale of a vertex spacing.
     *
     * @throws InvalidParameterException (locator {@code crs}) when a vertex cannot be transformed
     */
    public Geometry transform(Geometry geometry, Crs from, Crs to) {
        Objects.requireNonNull(geometry, "geometry");
        if (sameCoordinates(from, to)) {
            if (!from.equals(to)) {
                geometry.setSRID(to.epsg());
            }
            return geometry;
        }
        Pipeline pipeline = pipeline(from, to);
        Geometry result = geometry.copy();
        try {
            result.apply(new PipelineFilter(pipeline));
        } catch (PipelineFilter.Failure e) {
            throw failure("geometry " + geometry.getGeometryType(), from, to, e.getCause());
        } catch (RuntimeException e) {
            throw failure("geometry " + geometry.getGeometryType(), from, to, e);
        }
        result.setSRID(to.epsg() > 0 ? to.epsg() : 4326);
        return result;
    }

    private static boolean sameCoordinates(Crs from, Crs to) {
        Objects.requireNonNull(from, "from");
        Objects.requireNonNull(to, "to");
        // CRS84 and EPSG:4326 differ only on the wire; inside, both are lon/lat on WGS 84. CGCS2000
        // lon/lat coincides with them too (no datum shift, as in PROJ/PostGIS), so the three share
        // coordinates and a transform between them is no work at all: this is the REST default path.
        return from.equals(to) || (isLonLatFamily(from) && isLonLatFamily(to));
    }

    private static boolean isLonLatFamily(Crs crs) {
        return crs.equals(CrsCatalog.WGS84) || crs.equals(CrsCatalog.CRS84) || crs.equals(CrsCatalog.CGCS2000);
    }

    private static void expand(Envelope result, Pipeline pipeline, double[] xy, double x, double y)
            throws TransformException {
        xy[0] = x;
        xy[1] = y;
        pipeline.apply(xy);
        result.expandToInclude(xy[0], xy[1]);
    }

    private static InvalidParameterException failure(String what, Crs from, Crs to, Throwable cause) {
        return new InvalidParameterException("crs", "Cannot transform " + what + " from " + from + " to " + to
                + ": " + cause.getMessage(), cause);
    }

    private Pipeline pipeline(Crs from, Crs to) {
        return pipelines.computeIfAbsent(from.code() + ">" + to.code(), k -> buildPipeline(from, to));
    }

    /**
     * from → its geographic base (GeoTools, or the GCJ/BD inverse) → [null datum shift] → target's
     * geographic base → to. The datum step is omitted because CGCS2000 and WGS 84 coincide here.
     */
    private Pipeline buildPipeline(Crs from, Crs to) {
        Pipeline.Step in;
        if (from.equals(CrsCatalog.GCJ02)) {
            in = Pipeline.Step.of(ChinaOffsets::gcj02ToWgs84);
        } else if (from.equals(CrsCatalog.BD09)) {
            in = Pipeline.Step.of(ChinaOffsets::bd09ToWgs84);
        } else {
            in = Pipeline.Step.of(mathTransform(from, baseOf(from)));
        }
        Pipeline.Step out;
        if (to.equals(CrsCatalog.GCJ02)) {
            out = Pipeline.Step.of(ChinaOffsets::wgs84ToGcj02);
        } else if (to.equals(CrsCatalog.BD09)) {
            out = Pipeline.Step.of(ChinaOffsets::wgs84ToBd09);
        } else if (to.equals(CrsCatalog.WEB_MERCATOR)) {
            MathTransform project = mathTransform(baseOf(to), to);
            Pipeline.Step projectStep = Pipeline.Step.of(project);
            out = xy -> {
                xy[1] = Math.max(-MERCATOR_MAX_LAT, Math.min(MERCATOR_MAX_LAT, xy[1]));
                projectStep.apply(xy);
            };
        } else {
            out = Pipeline.Step.of(mathTransform(baseOf(to), to));
        }
        return new Pipeline(in, out);
    }

    private static Crs baseOf(Crs crs) {
        return CrsCatalog.onCgcs2000(crs) ? CrsCatalog.CGCS2000 : CrsCatalog.WGS84;
    }

    private MathTransform mathTransform(Crs from, Crs to) {
        try {
            return CRS.findMathTransform(decode(from), decode(to));
        } catch (FactoryException e) {
            throw failure("coordinates", from, to, e);
        }
    }

    /** GeoTools CRS forced to longitude/easting first, matching Shikong's internal axis order. */
    private CoordinateReferenceSystem decode(Crs crs) {
        String code = crs.epsg() == 4326 ? "EPSG:4326" : crs.code();
        return decoded.computeIfAbsent(code, c -> {
            try {
                return CRS.decode(c, true);
            } catch (FactoryException e) {
                throw new InvalidCrsException("crs", "Cannot decode " + c + ": " + e.getMessage(), e);
            }
        });
    }

    /** Applies a pipeline to each vertex; carries checked failures out of JTS's filter interface. */
    private static final class PipelineFilter implements CoordinateSequenceFilter {
        private final Pipeline pipeline;
        private final double[] xy = new double[2];

        PipelineFilter(Pipeline pipeline) {
            this.pipeline = pipeline;
        }

        @Override
        public void filter(CoordinateSequence seq, int i) {
            xy[0] = seq.getX(i);
            xy[1] = seq.getY(i);
            try {
                pipeline.apply(xy);
            } catch (TransformException e) {
                throw new Failure(e);
            }
            seq.setOrdinate(i, CoordinateSequence.X, xy[0]);
            seq.setOrdinate(i, CoordinateSequence.Y, xy[1]);
        }

        @Override
        public boolean isDone() {
            return false;
        }

        @Override
        public boolean isGeometryChanged() {
            return true;
        }

        static final class Failure extends RuntimeException {
            Failure(TransformException cause) {
                super(cause);
            }
        }
    }
}
