package io.shikong.ows.wms;

import java.time.Duration;
import java.util.Objects;

/**
 * What one WMS map may ask for (the server takes them from {@code shikong.wms.*}): each bounds work that the
 * pixel budget does not see.
 *
 * @param maxPixels        the most pixels (WIDTH×HEIGHT) of one map ({@code shikong.wms.max-size}²)
 * @param maxLayers        the most layers one GetMap or GetFeatureInfo names ({@code shikong.wms.max-layers})
 * @param maxSymbolSize    the largest symbol in pixels after DPI scaling: a stroke's width, a graphic's size, a
 *                         font's size, a halo's diameter ({@code shikong.wms.max-symbol-size})
 * @param renderTimeout    how long drawing one map may take, reading its features included
 *                         ({@code shikong.wms.render-timeout})
 * @param maxLikeWildcards the most wildcards of one PropertyIsLike in an SLD_BODY rule
 *                         ({@code shikong.wms.max-like-wildcards})
 */
public record WmsLimits(long maxPixels, int maxLayers, double maxSymbolSize, Duration renderTimeout,
                        int maxLikeWildcards) {

    /** The defaults of {@code application.yml} but for the pixels (tests and services made without configuration). */
    public static WmsLimits of(long maxPixels) {
        return new WmsLimits(maxPixels, 32, 512, Duration.ofSeconds(30), 16);
    }

    /** @throws IllegalArgumentException when a limit is not positive */
    public WmsLimits {
        Objects.requireNonNull(renderTimeout, "renderTimeout");
        if (maxPixels < 1 || maxLayers < 1 || !(maxSymbolSize >= 1) || maxLikeWildcards < 1 || renderTimeout.isNegative()
                || renderTimeout.isZero()) {
            throw new IllegalArgumentException("WMS limits must be positive: " + maxPixels + " pixels, " + maxLayers
                    + " layers, " + maxSymbolSize + " px symbols, " + renderTimeout + ", " + maxLikeWildcards + " wildcards");
        }
    }
}
