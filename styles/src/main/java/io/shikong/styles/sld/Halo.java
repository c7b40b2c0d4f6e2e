package io.shikong.styles.sld;

import java.util.Objects;

/**
 * A halo around label glyphs. SLD default: radius 1 px, white opaque fill.
 *
 * @param radius in pixels, non-negative
 * @param fill never null
 */
public record Halo(double radius, Fill fill) {

    public Halo {
        Objects.requireNonNull(fill, "fill");
        if (!(radius >= 0)) {
            throw new IllegalArgumentException("halo radius must be >= 0, was " + radius);
        }
    }
}
