package io.shikong.core.redline;

import java.time.Instant;
import java.util.List;

/**
 * The result of a red-line compliance check.
 *
 * @param method         how areas and distances were measured (projection and its error)
 * @param asOf           the instant whose red lines were used
 * @param redLineVersion the latest change of the red lines at {@code asOf} (see {@link RedLineIndex.Snapshot#version})
 * @param zonesInForce   how many zones were in force then
 * @param bufferMeters   the buffer asked for, metres
 * @param footprints     one result per footprint, in input order
 */
public record CheckReport(String method, Instant asOf, Instant redLineVersion, int zonesInForce, double bufferMeters,
                          List<FootprintResult> footprints) {

    /** Verdicts, from best to worst. */
    public static final String CLEAR = "clear";
    public static final String WITHIN_BUFFER = "within_buffer";
    public static final String OVERLAPS = "overlaps";

    /**
     * @param verdict   clear, within_buffer or overlaps
     * @param areaM2    the footprint's area in m² (0 for lines and points)
     * @param repaired  whether the footprint was invalid and made valid first
     * @param note      what the repair did, or {@code null}
     * @param zones     the zones the footprint (or its buffer) touches, largest overlap first
     * @param nearest   when clear: the nearest zone in force, or {@code null} if none within 200 km
     * @param checked   the footprint as checked, in the storage CRS: the repaired one when {@code repaired}
     *                  (so that maps of the check need not repair it again), or {@code null} when not kept
     */
    public record FootprintResult(int index, String verdict, double areaM2, boolean repaired, String note,
                                  List<ZoneHit> zones, Nearest nearest, org.locationtech.jts.geom.Geometry checked) {

        /** Without the checked footprint. */
        public FootprintResult(int index, String verdict, double areaM2, boolean repaired, String note,
                               List<ZoneHit> zones, Nearest nearest) {
            this(index, verdict, areaM2, repaired, note, zones, nearest, null);
        }
    }

    /**
     * One zone a footprint touches.
     *
     * @param overlapM2        area of footprint ∩ zone, m²
     * @param shareOfFootprint overlap / footprint area (0 for a footprint without area)
     * @param shareOfZone      overlap / zone area
     * @param distanceM        distance from the footprint to the zone (0 when they meet)
     */
    public record ZoneHit(String id, int version, String name, String category, String protectionLevel,
                          double overlapM2, double shareOfFootprint, double shareOfZone, double distanceM) {
    }

    /** The nearest zone of a clear footprint. */
    public record Nearest(String id, String name, String category, double distanceM) {
    }
}
