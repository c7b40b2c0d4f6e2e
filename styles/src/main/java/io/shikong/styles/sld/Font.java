package io.shikong.styles.sld;

import java.util.Objects;
import java.util.Set;

/**
 * A label font. SLD default: {@code SansSerif}, normal, normal, 10 px. A renderer should fall back to
 * a CJK-capable font when the family cannot display the label (Chinese names).
 *
 * @param family a font family name, or a Java logical name ({@code SansSerif}, {@code Serif})
 * @param style {@code normal} or {@code italic} ({@code oblique} is read as italic)
 * @param weight {@code normal} or {@code bold}
 * @param size in pixels, positive
 */
public record Font(String family, String style, String weight, double size) {

    /** Accepted values of {@code style}. */
    public static final Set<String> STYLES = Set.of("normal", "italic");
    /** Accepted values of {@code weight}. */
    public static final Set<String> WEIGHTS = Set.of("normal", "bold");
    /** SansSerif 10 px. */
    public static final Font DEFAULT = new Font("SansSerif", "normal", "normal", 10);

    public Font {
        Objects.requireNonNull(family, "family");
        if (!STYLES.contains(style) || !WEIGHTS.contains(weight) || !(size > 0)) {
            throw new IllegalArgumentException("bad font " + style + " " + weight + " " + size);
        }
    }
}
