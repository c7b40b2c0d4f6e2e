package io.shikong.styles.sld;

/**
 * Fills and outlines polygons. As in SLD, an absent {@code Fill} means no fill and an absent
 * {@code Stroke} no outline; a symbolizer with neither draws nothing.
 *
 * @param fill the interior, null for none
 * @param stroke the outline, null for none
 */
public record PolygonSymbolizer(Fill fill, Stroke stroke) implements Symbolizer {
}
