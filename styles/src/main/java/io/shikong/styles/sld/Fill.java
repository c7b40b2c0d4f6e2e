package io.shikong.styles.sld;

import java.awt.Color;
import java.util.Locale;
import java.util.Objects;

/**
 * How an area (or a mark, or label glyphs) is filled. SLD default: 50 % gray {@code #808080}, opaque.
 *
 * @param color the colour, always opaque; {@code opacity} carries the transparency
 * @param opacity 0 (invisible) .. 1 (opaque)
 * @param graphicFill a graphic tiled over the area (SLD {@code GraphicFill}, e.g. a
 *     {@code shape://slash} hatch), painted instead of {@code color}; null for a solid fill
 */
public record Fill(Color color, double opacity, Graphic graphicFill) {

    /** Gray {@code #808080}, opaque. */
    public static final Fill DEFAULT = new Fill(new Color(0x808080), 1, null);

    public Fill {
        Objects.requireNonNull(color, "color");
        if (!(opacity >= 0 && opacity <= 1)) {
            throw new IllegalArgumentException("fill opacity must be 0..1, was " + opacity);
        }
    }

    /** A solid opaque fill of this colour. */
    public static Fill of(Color color) {
        return new Fill(color, 1, null);
    }

    static String hex(Color c) {
        return String.format(Locale.ROOT, "#%06X", c.getRGB() & 0xFFFFFF);
    }
}
