package io.shikong.styles.sld;

import java.util.Objects;
import java.util.Set;

/**
 * A well-known shape, filled and outlined, drawn in a square of the graphic's size.
 *
 * <p>Shapes, centred, fitting a square of the graphic's size: {@code square}; {@code circle};
 * {@code triangle} equilateral, pointing up; {@code star} five-pointed, pointing up; {@code cross} a
 * filled plus-shaped cross with arms a third of the size wide (GeoTools' "cross"); {@code x} the same
 * cross turned 45°; {@code plus} two thin strokes, vertical and horizontal (stroke only, like
 * {@code shape://plus} but as a symbol).
 *
 * <p>The {@code shape://} names are hatch patterns meant for a {@code GraphicFill} (as in GeoServer):
 * {@code shape://slash} is a line from bottom left to top right of the tile, {@code shape://backslash}
 * from top left to bottom right, {@code vertline}/{@code horline} a vertical/horizontal line through
 * the centre, {@code plus}/{@code times} both lines of a cross, {@code dot} a small dot; they are drawn
 * with the mark's stroke and have no fill. The tile is {@code size} pixels square and the line reaches
 * its edges so that tiles join.
 *
 * @param wellKnownName one of {@link #WELL_KNOWN_NAMES}, lower case
 * @param fill the interior, null for none
 * @param stroke the outline, null for none
 */
public record Mark(String wellKnownName, Fill fill, Stroke stroke) implements GraphicalSymbol {

    /** The shapes a renderer must draw. */
    public static final Set<String> WELL_KNOWN_NAMES = Set.of("square", "circle", "triangle", "star", "cross", "x",
            "plus", "shape://slash", "shape://backslash", "shape://vertline", "shape://horline", "shape://plus",
            "shape://times", "shape://dot");
    /** SLD's default mark: a gray square with a black outline. */
    public static final Mark DEFAULT = new Mark("square", Fill.DEFAULT, Stroke.DEFAULT);

    public Mark {
        Objects.requireNonNull(wellKnownName, "wellKnownName");
        if (!WELL_KNOWN_NAMES.contains(wellKnownName)) {
            throw new IllegalArgumentException("unknown well-known mark name '" + wellKnownName + "'");
        }
    }

    /** Whether this is a {@code shape://} hatch pattern (drawn with the stroke, edge to edge). */
    public boolean isHatch() {
        return wellKnownName.startsWith("shape://");
    }
}
