package io.shikong.styles.sld;

import java.util.Objects;

/**
 * Labels features with the value of one property.
 *
 * <p>Point placement: the label's anchor point ({@code anchorX}, {@code anchorY}, fractions of the
 * label's box, 0,0 = bottom left, default 0,0.5 = left middle) is put at the feature's point (interior
 * point for lines and polygons) moved by the displacement in pixels (x right, y up). Line placement
 * ({@code linePlacement}): the label follows the line; anchor and displacement are then 0.
 *
 * @param labelProperty the property whose value is the label text (the {@code ogc:PropertyName} of
 *     {@code Label}); features where it is null or empty are not labelled
 * @param font never null
 * @param halo a halo around the glyphs, null for none
 * @param fill the glyphs' fill, never null (default: black)
 */
public record TextSymbolizer(String labelProperty, Font font, Halo halo, Fill fill, boolean linePlacement,
        double anchorX, double anchorY, double displacementX, double displacementY) implements Symbolizer {

    /** SLD's default anchor: the label starts at the point, vertically centred on it. */
    public static final double DEFAULT_ANCHOR_X = 0;
    /** SLD's default anchor: vertically centred. */
    public static final double DEFAULT_ANCHOR_Y = 0.5;

    public TextSymbolizer {
        Objects.requireNonNull(labelProperty, "labelProperty");
        Objects.requireNonNull(font, "font");
        Objects.requireNonNull(fill, "fill");
    }
}
