package io.shikong.styles.sld;

import java.util.List;

/**
 * A point graphic: the first of its symbols that the renderer can draw, scaled to {@code size} and
 * rotated. SLD default (no symbol given): a gray square with a black outline, 6 px.
 *
 * @param symbols marks and external graphics, in order of preference; never empty
 * @param size the graphic's height in pixels; {@link Double#NaN} when the document gives none and the
 *     first symbol is an {@link ExternalGraphic}, meaning the image's own size (for marks the default
 *     is 6)
 * @param rotation clockwise degrees
 * @param opacity 0..1, applied to the whole graphic
 */
public record Graphic(List<GraphicalSymbol> symbols, double size, double rotation, double opacity) {

    /** SLD's default size of a mark, in pixels. */
    public static final double DEFAULT_SIZE = 6;
    /** A 6 px gray square with a black outline. */
    public static final Graphic DEFAULT = new Graphic(List.of(Mark.DEFAULT), DEFAULT_SIZE, 0, 1);

    public Graphic {
        symbols = List.copyOf(symbols);
        if (symbols.isEmpty()) {
            throw new IllegalArgumentException("a graphic needs at least one mark or external graphic");
        }
        if (!(size >= 0) && !Double.isNaN(size) || !(opacity >= 0 && opacity <= 1)) {
            throw new IllegalArgumentException("graphic size must be >= 0 and opacity 0..1");
        }
    }

    /** The size to draw at: {@link #size()}, or {@code naturalSize} when it is NaN (image's own size). */
    public double sizeOr(double naturalSize) {
        return Double.isNaN(size) ? naturalSize : size;
    }
}
