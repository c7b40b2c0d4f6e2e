/**
 * The red-line compliance map: its SLD styles (resources under {@code io/shikong/styles/redline}) and the
 * features they read, drawn by the SLD renderer with the map decorations of
 * {@link io.shikong.styles.render.MapDecorations}.
 */
package io.shikong.styles.map;
