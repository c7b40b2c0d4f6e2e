package io.shikong.styles.sld;

/** One symbol of a {@link Graphic}: a well-known mark or a local image. */
public sealed interface GraphicalSymbol permits Mark, ExternalGraphic {
}
