package io.shikong.styles.sld;

import java.util.Objects;

/**
 * Draws a graphic centred on each point.
 *
 * @param graphic never null (SLD's default is a 6 px gray square with a black outline)
 */
public record PointSymbolizer(Graphic graphic) implements Symbolizer {

    public PointSymbolizer {
        Objects.requireNonNull(graphic, "graphic");
    }
}
