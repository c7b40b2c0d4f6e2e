package io.shikong.styles.sld;

/**
 * How a feature is drawn: one of the four vector symbolizers. Each draws the feature's default
 * geometry; a point symbolizer on a line or polygon draws at its interior point, a polygon symbolizer
 * applies to polygons only, a line symbolizer to lines and polygon outlines (SLD semantics).
 */
public sealed interface Symbolizer permits PointSymbolizer, LineSymbolizer, PolygonSymbolizer, TextSymbolizer {
}
