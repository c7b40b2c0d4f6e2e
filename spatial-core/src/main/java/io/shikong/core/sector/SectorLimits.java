package io.shikong.core.sector;

/**
 * The limits of the sector services, given to their constructors (the server takes them from its
 * configuration, {@code shikong.sector.*}).
 *
 * @param maxResults            the most features one answer holds; a question matching more is refused
 *                              (400, asking to narrow it) rather than cut
 * @param pipelinesMaxDistance  the largest {@code distance} of pipelines near a geometry, metres
 * @param streetViewMaxDistance the largest search radius of the nearest street-view capture, metres (the
 *                              radius without a distance is {@value StreetViewService#NEAREST_RADIUS}, or
 *                              this when smaller)
 * @param alongMaxDistance      the largest distance off the route of captures along it, metres (without a
 *                              distance {@value StreetViewService#ALONG_DISTANCE}, or this when smaller)
 */
public record SectorLimits(int maxResults, double pipelinesMaxDistance, double streetViewMaxDistance,
                           double alongMaxDistance) {

    /** The limits of a service made without any: {@link SectorSupport#MAX_RESULTS} and the services' maxima. */
    public static final SectorLimits DEFAULTS = new SectorLimits(SectorSupport.MAX_RESULTS, PipelineService.MAX_DISTANCE,
            StreetViewService.MAX_NEAREST_RADIUS, StreetViewService.MAX_ALONG_DISTANCE);

    /** @throws IllegalArgumentException when a limit is not positive */
    public SectorLimits {
        if (maxResults < 1) {
            throw new IllegalArgumentException("maxResults must be at least 1, was " + maxResults);
        }
        if (!(pipelinesMaxDistance > 0) || !(streetViewMaxDistance > 0) || !(alongMaxDistance > 0)
                || Double.isInfinite(pipelinesMaxDistance) || Double.isInfinite(streetViewMaxDistance)
                || Double.isInfinite(alongMaxDistance)) {
            throw new IllegalArgumentException("distances must be positive metres, were " + pipelinesMaxDistance
                    + ", " + streetViewMaxDistance + ", " + alongMaxDistance);
        }
    }
}
