package io.shikong.core.redline;

/**
 * What the {@link RedLineChecker} accepts, given to its constructor (the server takes it from its
 * configuration, {@code shikong.red-line.*}).
 *
 * @param maxVertices        footprints with more vertices are refused
 * @param maxAreaM2          footprints covering more square metres are refused (they are not projects)
 * @param maxBufferMeters    the largest buffer around a footprint, metres
 * @param maxRepairVertices  an invalid footprint with more vertices is not repaired but refused
 *                           ({@code shikong.red-line.max-repair-vertices})
 * @param maxRepairCrossings an invalid footprint whose edges meet each other more often is not repaired but
 *                           refused: the repair's work grows with the crossings, a star of n vertices has
 *                           about n²/2 ({@code shikong.red-line.max-repair-crossings})
 */
public record RedLineLimits(int maxVertices, double maxAreaM2, double maxBufferMeters, int maxRepairVertices,
                            int maxRepairCrossings) {

    /** The default of {@link #maxRepairVertices()}. */
    public static final int MAX_REPAIR_VERTICES = 10_000;
    /** The default of {@link #maxRepairCrossings()}: GeometryFixer takes about 0.1 s on such a star. */
    public static final int MAX_REPAIR_CROSSINGS = 1000;

    /** The limits of a checker made without any: {@link RedLineChecker#MAX_VERTICES} and its other constants. */
    public static final RedLineLimits DEFAULTS = new RedLineLimits(RedLineChecker.MAX_VERTICES, RedLineChecker.MAX_AREA_M2,
            RedLineChecker.MAX_BUFFER_M);

    /** With the default repair limits ({@link #MAX_REPAIR_VERTICES}, {@link #MAX_REPAIR_CROSSINGS}). */
    public RedLineLimits(int maxVertices, double maxAreaM2, double maxBufferMeters) {
        this(maxVertices, maxAreaM2, maxBufferMeters, MAX_REPAIR_VERTICES, MAX_REPAIR_CROSSINGS);
    }

    /** @throws IllegalArgumentException when a limit is not positive */
    public RedLineLimits {
        if (maxVertices < 1) {
            throw new IllegalArgumentException("maxVertices must be at least 1, was " + maxVertices);
        }
        if (!(maxAreaM2 > 0) || !(maxBufferMeters > 0) || Double.isInfinite(maxAreaM2) || Double.isInfinite(maxBufferMeters)) {
            throw new IllegalArgumentException("the area and buffer limits must be positive, were " + maxAreaM2 + " m² and "
                    + maxBufferMeters + " m");
        }
        if (maxRepairVertices < 1 || maxRepairCrossings < 1) {
            throw new IllegalArgumentException("the repair limits must be at least 1, were " + maxRepairVertices
                    + " vertices and " + maxRepairCrossings + " crossings");
        }
    }
}
