package io.shikong.core.redline;

import io.shikong.core.catalog.SectorLayers;
import io.shikong.core.crs.Crs;
import io.shikong.core.crs.CrsService;
import io.shikong.core.error.InvalidParameterException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.locationtech.jts.geom.Envelope;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.geom.util.GeometryFixer;
import org.locationtech.jts.operation.valid.IsValidOp;
import org.locationtech.jts.operation.valid.TopologyValidationError;

/**
 * Checks project footprints against the ecological red lines in force at an instant.
 *
 * <p>Candidates come from the in-memory {@link RedLineIndex} (envelope, then prepared-geometry test in
 * longitude/latitude); areas and distances are true metres, measured in the CGCS2000 3-degree
 * Gauss-Krüger zone of each footprint (transverse Mercator; within the zone the scale error is below
 * 2e-4 in length and 4e-4 in area, and at Shenyang's longitudes below 2e-5), never in degrees.
 *
 * <p>Degenerate inputs: an empty footprint is refused; an invalid one is refused unless
 * {@code repair} is set, in which case JTS's GeometryFixer makes it valid and the result says so (and holds
 * the repaired footprint); a repair is refused when the footprint has more vertices or crossings than
 * {@link RedLineLimits#maxRepairVertices()} and {@link RedLineLimits#maxRepairCrossings()};
 * footprints over the {@link RedLineLimits} (by default {@link #MAX_AREA_M2} and {@link #MAX_VERTICES}) are
 * refused as absurd. Points and lines are accepted (area 0, shares 0).
 */
public final class RedLineChecker {

    /** Larger footprints are not projects: 10,000 km² (the default of {@link RedLineLimits#maxAreaM2()}). */
    public static final double MAX_AREA_M2 = 1e10;
    /** Footprints with more vertices are refused (the default of {@link RedLineLimits#maxVertices()}). */
    public static final int MAX_VERTICES = 200_000;
    /** The largest buffer, metres (the default of {@link RedLineLimits#maxBufferMeters()}). */
    public static final double MAX_BUFFER_M = 50_000;
    /** Beyond this no "nearest zone" is searched. */
    public static final double NEAREST_LIMIT_M = 200_000;
    private static final double METERS_PER_DEGREE = 110_000;

    private final RedLineIndex index;
    private final CrsService crsService;
    private final Crs storage;
    private final SectorLayers.RedLine attributes;
    private final RedLineLimits limits;

    /** With the sample layer's attributes ({@code zone_name}, {@code category}, {@code protection_level}). */
    public RedLineChecker(RedLineIndex index, CrsService crsService, Crs storage) {
        this(index, crsService, storage, SectorLayers.RedLine.DEFAULT);
    }

    /**
     * With the default limits ({@link RedLineLimits#DEFAULTS}).
     *
     * @param attributes which attributes of the zones are reported as their name, category and protection
     *                   level (the catalog's {@code sector.redLine}); its layer is the index's
     */
    public RedLineChecker(RedLineIndex index, CrsService crsService, Crs storage, SectorLayers.RedLine attributes) {
        this(index, crsService, storage, attributes, RedLineLimits.DEFAULTS);
    }

    /** @param limits the most vertices and area of a footprint, the largest buffer */
    public RedLineChecker(RedLineIndex index, CrsService crsService, Crs storage, SectorLayers.RedLine attributes,
                          RedLineLimits limits) {
        this.index = index;
        this.crsService = crsService;
        this.storage = storage;
        this.attributes = attributes;
        this.limits = java.util.Objects.requireNonNull(limits, "limits");
    }

    /**
     * @param footprints   in the storage CRS, longitude first
     * @param bufferMeters 0 or more
     * @param asOf         the red lines in force then
     * @param repair       make invalid footprints valid instead of refusing them
     */
    public CheckReport check(List<Geometry> footprints, double bufferMeters, Instant asOf, boolean repair) {
        if (footprints.isEmpty()) {
            throw new InvalidParameterException("footprint", "no footprint given");
        }
        if (!(bufferMeters >= 0) || bufferMeters > limits.maxBufferMeters()) {
            throw new InvalidParameterException("bufferMeters", "buffer must be 0 to "
                    + String.format(java.util.Locale.ROOT, "%,.0f", limits.maxBufferMeters()) + " metres, was " + bufferMeters);
        }
        RedLineIndex.Snapshot snapshot = index.snapshot();
        List<CheckReport.FootprintResult> results = new ArrayList<>();
        for (int i = 0; i < footprints.size(); i++) {
            results.add(checkOne(i, footprints.get(i), bufferMeters, asOf, repair, snapshot));
        }
        String method = "areas and distances in metres in the CGCS2000 3-degree Gauss-Krüger zone of each footprint "
                + "(transverse Mercator, EPSG:4513-4533; scale error < 2e-5 near the central meridian)";
        return new CheckReport(method, asOf, snapshot.version(asOf), snapshot.inForce(asOf), bufferMeters, results);
    }

    private CheckReport.FootprintResult checkOne(int i, Geometry footprint, double buffer, Instant asOf, boolean repair,
                                                 RedLineIndex.Snapshot snapshot) {
        String where = footprints(i);
        if (footprint == null || footprint.isEmpty()) {
            throw new InvalidParameterException("footprint", where + " is empty");
        }
        if (footprint.getNumPoints() > limits.maxVertices()) {
            throw new InvalidParameterException("footprint", where + " has " + footprint.getNumPoints()
                    + " vertices; at most " + limits.maxVertices() + " are accepted");
        }
        if (footprint.getClass() == org.locationtech.jts.geom.GeometryCollection.class) {
            // overlapping or mixed-dimension parts would count twice or break the overlay
            throw new InvalidParameterException("footprint", where + " is a GeometryCollection; send several "
                    + "footprints as a FeatureCollection, one geometry each");
        }
        Envelope env = footprint.getEnvelopeInternal();
        if (env.getMinX() < 73.5 || env.getMaxX() > 136.5 || env.getMinY() < -90 || env.getMaxY() > 90) {
            // the CGCS2000 Gauss-Krüger zones cover China (73.5°E to 136.5°E); elsewhere metres would be wrong
            throw new InvalidParameterException("footprint", where + " is outside 73.5°E-136.5°E, where the "
                    + "check can measure in metres; is the crs right?");
        }
        if (env.getWidth() > 3 || env.getHeight() > 3) {
            // checked before projecting: a Gauss-Krüger zone is 3 degrees wide, and no project is this big
            throw new InvalidParameterException("footprint", where + " spans " + String.format("%.1f° × %.1f°",
                    env.getWidth(), env.getHeight()) + ", far beyond the " + Math.round(limits.maxAreaM2() / 1e6)
                    + " km² a footprint may cover");
        }
        boolean repaired = false;
        String note = null;
        TopologyValidationError error = new IsValidOp(footprint).getValidationError();
        if (error != null) {
            String reason = error.getMessage() + " at (" + error.getCoordinate().x + " " + error.getCoordinate().y + ")";
            if (!repair) {
                throw new InvalidParameterException("footprint", where + " is not valid: " + reason
                        + "; send repair=true to have it made valid");
            }
            footprint = repair(footprint, where + " is not valid (" + reason + ")");
            repaired = true;
            note = "the footprint was not valid (" + reason + ") and was made valid before the check";
            if (footprint.isEmpty()) {
                throw new InvalidParameterException("footprint", where + " is empty once made valid");
            }
        }
        Crs zone = crsService.gaussKrugerZone(footprint.getEnvelopeInternal().centre().x);
        Geometry projected = crsService.transform(footprint, storage, zone);
        double area = projected.getArea();
        if (area > limits.maxAreaM2()) {
            throw new InvalidParameterException("footprint", where + " covers " + Math.round(area / 1e6)
                    + " km²; at most " + Math.round(limits.maxAreaM2() / 1e6) + " km² are accepted");
        }
        List<CheckReport.ZoneHit> hits = new ArrayList<>();
        Envelope search = expand(footprint.getEnvelopeInternal(), buffer);
        boolean overlaps = false;
        for (RedLineIndex.Zone z : snapshot.candidates(search, asOf)) {
            boolean touches = z.prepared().intersects(footprint);
            if (!touches && buffer == 0) {
                continue;
            }
            Geometry zoneProjected = z.projected(crsService, storage, zone);
            double overlap = 0;
            boolean meets = false; // interiors meet: a plot drawn along a red line's edge only touches it
            if (touches) {
                if (area > 0) {
                    if (z.prepared().covers(footprint)) {
                        overlap = area; // the usual case, and no overlay needed for it
                    } else {
                        // OverlayNG clips both inputs to the common envelope first: a large zone costs little
                        overlap = org.locationtech.jts.operation.overlayng.OverlayNGRobust.overlay(zoneProjected, projected,
                                org.locationtech.jts.operation.overlayng.OverlayNG.INTERSECTION).getArea();
                    }
                    meets = overlap > 0;
                } else {
                    meets = z.feature().geometry().relate(footprint, "T********");
                }
            }
            double distance = 0;
            if (!meets) {
                // touching only: within any buffer, at 0 m, with no overlap
                distance = touches ? 0 : zoneProjected.distance(projected);
                if (distance > buffer) {
                    continue;
                }
            }
            overlaps |= meets;
            double zoneArea = zoneProjected.getArea();
            hits.add(new CheckReport.ZoneHit(z.feature().id(), z.feature().version(), z.text(attributes.name()),
                    z.text(attributes.category()), z.text(attributes.protectionLevel()), overlap, area > 0 ? overlap / area : 0,
                    zoneArea > 0 ? overlap / zoneArea : 0, distance));
        }
        hits.sort(Comparator.comparingDouble(CheckReport.ZoneHit::overlapM2).reversed()
                .thenComparingDouble(CheckReport.ZoneHit::distanceM).thenComparing(CheckReport.ZoneHit::id));
        String verdict = overlaps ? CheckReport.OVERLAPS : hits.isEmpty() ? CheckReport.CLEAR : CheckReport.WITHIN_BUFFER;
        CheckReport.Nearest nearest = verdict.equals(CheckReport.CLEAR)
                ? nearest(footprint, projected, zone, asOf, snapshot) : null;
        return new CheckReport.FootprintResult(i, verdict, area, repaired, note, hits, nearest, footprint);
    }

    /**
     * A footprint made valid as a check with {@code repair} makes it, within the same bounds; a valid one as it is.
     *
     * @throws InvalidParameterException when it has more vertices or crossings than are repaired
     */
    public Geometry repaired(Geometry footprint) {
        return footprint.isValid() ? footprint : repair(footprint, "the footprint is not valid");
    }

    /**
     * GeometryFixer's repair, bounded: its work grows with the vertices and the crossings (a star of n vertices
     * has about n²/2), so both are counted before any of it is done.
     */
    private Geometry repair(Geometry footprint, String what) {
        if (footprint.getNumPoints() > limits.maxRepairVertices()) {
            throw new InvalidParameterException("footprint", what + " and has " + footprint.getNumPoints()
                    + " vertices; at most " + limits.maxRepairVertices()
                    + " are repaired (shikong.red-line.max-repair-vertices): send a valid footprint");
        }
        if (SelfCrossings.count(footprint, limits.maxRepairCrossings()) > limits.maxRepairCrossings()) {
            throw new InvalidParameterException("footprint", what + " and its edges cross each other more than "
                    + limits.maxRepairCrossings() + " times; at most " + limits.maxRepairCrossings()
                    + " crossings are repaired (shikong.red-line.max-repair-crossings): send a valid footprint");
        }
        return GeometryFixer.fix(footprint);
    }

    /**
     * The nearest zone in force: widen the search box from 1 km by 4 until a zone is found whose
     * distance is within the box's radius (then nothing outside the box can be nearer).
     */
    private CheckReport.Nearest nearest(Geometry footprint, Geometry projected, Crs zone, Instant asOf,
                                        RedLineIndex.Snapshot snapshot) {
        for (double r = 1000; r <= NEAREST_LIMIT_M * 4; r *= 4) {
            RedLineIndex.Zone best = null;
            double bestDistance = Double.MAX_VALUE;
            for (RedLineIndex.Zone z : snapshot.candidates(expand(footprint.getEnvelopeInternal(), r), asOf)) {
                double d = z.projected(crsService, storage, zone).distance(projected);
                if (d < bestDistance || (d == bestDistance && best != null && z.feature().id().compareTo(best.feature().id()) < 0)) {
                    best = z;
                    bestDistance = d;
                }
            }
            if (best != null && bestDistance <= r) {
                return bestDistance > NEAREST_LIMIT_M ? null : new CheckReport.Nearest(best.feature().id(),
                        best.text(attributes.name()), best.text(attributes.category()), bestDistance);
            }
        }
        return null;
    }

    private static Envelope expand(Envelope e, double meters) {
        if (meters <= 0) {
            return e;
        }
        double maxAbsLat = Math.min(89, Math.max(Math.abs(e.getMinY()), Math.abs(e.getMaxY())) + meters / METERS_PER_DEGREE);
        double dLat = meters / METERS_PER_DEGREE;
        double dLon = Math.min(360, meters / (METERS_PER_DEGREE * Math.cos(Math.toRadians(maxAbsLat))));
        return new Envelope(e.getMinX() - dLon, e.getMaxX() + dLon, e.getMinY() - dLat, e.getMaxY() + dLat);
    }

    private static String footprints(int i) {
        return "footprint " + (i + 1);
    }
}
