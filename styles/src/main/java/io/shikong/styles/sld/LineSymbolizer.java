package io.shikong.styles.sld;

import java.util.Objects;

/**
 * Strokes lines (and polygon outlines).
 *
 * @param stroke never null (default: black, 1 px)
 * @param perpendicularOffset pixels to the left of the line's direction (negative: right), 0 when absent
 */
public record LineSymbolizer(Stroke stroke, double perpendicularOffset) implements Symbolizer {

    public LineSymbolizer {
        Objects.requireNonNull(stroke, "stroke");
    }
}
