package io.shikong.core.redline;

/**
 * What the {@link RedLineChecker} accepts, given to its constructor (the server takes it from its
 * configuration, {@code shikong.red-line.*}).
 *
 * @param maxVertices     footprints with more vertices are refused
 * @param maxAreaM2       footprints covering more square metres are refused (they are not projects)
 * @param maxBufferMeters the largest buffer around a footprint, metres
 */
public record RedLineLimits(int maxVertices, double maxAreaM2, double maxBufferMeters) {

    /** The limits of a checker made without any: {@link RedLineChecker#MAX_VERTICES} and its other constants. */
    public static final RedLineLimits DEFAULTS = new RedLineLimits(RedLineChecker.MAX_VERTICES, RedLineChecker.MAX_AREA_M2,
            RedLineChecker.MAX_BUFFER_M);

    /** @throws IllegalArgumentException when a limit is not positive */
    public RedLineLimits {
        if (maxVertices < 1) {
            throw new IllegalArgumentException("maxVertices must be at least 1, was " + maxVertices);
        }
        if (!(maxAreaM2 > 0) || !(maxBufferMeters > 0) || Double.isInfinite(maxAreaM2) || Double.isInfinite(maxBufferMeters)) {
            throw new IllegalArgumentException("the area and buffer limits must be positive, were " + maxAreaM2 + " m² and "
                    + maxBufferMeters + " m");
        }
    }
}
