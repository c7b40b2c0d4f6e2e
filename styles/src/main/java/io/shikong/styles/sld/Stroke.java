package io.shikong.styles.sld;

import java.awt.Color;
import java.util.Arrays;
import java.util.Objects;
import java.util.Set;

/**
 * How a line is drawn. SLD defaults: black, opaque, 1 px, solid, {@code mitre} join, {@code butt} cap.
 *
 * @param color the colour, always opaque; {@code opacity} carries the transparency
 * @param opacity 0 (invisible) .. 1 (opaque)
 * @param width in pixels, non-negative (0: the thinnest line the device draws)
 * @param dashArray dash and gap lengths in pixels, alternating, starting with a dash; null for solid
 * @param dashOffset how far into the dash pattern the line starts, in pixels
 * @param lineJoin {@code mitre}, {@code round} or {@code bevel}
 * @param lineCap {@code butt}, {@code round} or {@code square}
 * @param graphicFill a graphic repeated to paint the stroke's area instead of {@code color}, null for
 *     none
 */
public record Stroke(Color color, double opacity, double width, float[] dashArray, double dashOffset, String lineJoin,
        String lineCap, Graphic graphicFill) {

    /** Accepted values of {@code lineJoin}. */
    public static final Set<String> LINE_JOINS = Set.of("mitre", "round", "bevel");
    /** Accepted values of {@code lineCap}. */
    public static final Set<String> LINE_CAPS = Set.of("butt", "round", "square");
    /** Black, 1 px, solid. */
    public static final Stroke DEFAULT = new Stroke(Color.BLACK, 1, 1, null, 0, "mitre", "butt", null);

    public Stroke {
        Objects.requireNonNull(color, "color");
        if (!(opacity >= 0 && opacity <= 1) || !(width >= 0)) {
            throw new IllegalArgumentException("stroke opacity must be 0..1 and width >= 0");
        }
        if (!LINE_JOINS.contains(lineJoin) || !LINE_CAPS.contains(lineCap)) {
            throw new IllegalArgumentException("unknown line join or cap: " + lineJoin + ", " + lineCap);
        }
        dashArray = dashArray == null ? null : dashArray.clone();
    }

    /** A copy of the dash array, null for a solid line. */
    @Override
    public float[] dashArray() {
        return dashArray == null ? null : dashArray.clone();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Stroke s && color.equals(s.color) && opacity == s.opacity && width == s.width
                && Arrays.equals(dashArray, s.dashArray) && dashOffset == s.dashOffset && lineJoin.equals(s.lineJoin)
                && lineCap.equals(s.lineCap) && Objects.equals(graphicFill, s.graphicFill);
    }

    @Override
    public int hashCode() {
        return Objects.hash(color, opacity, width, Arrays.hashCode(dashArray), dashOffset, lineJoin, lineCap, graphicFill);
    }

    @Override
    public String toString() {
        return "Stroke[color=" + Fill.hex(color) + ", opacity=" + opacity + ", width=" + width + ", dashArray="
                + Arrays.toString(dashArray) + ", dashOffset=" + dashOffset + ", lineJoin=" + lineJoin + ", lineCap="
                + lineCap + ", graphicFill=" + graphicFill + "]";
    }
}
