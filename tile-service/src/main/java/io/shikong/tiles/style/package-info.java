/**
 * Documents that let web maps use the tiles: {@link io.shikong.tiles.style.TileJson} (TileJSON 3.0.0 of a
 * layer or a group of layers on a tile matrix set) and {@link io.shikong.tiles.style.MapLibreStyle} (a
 * MapLibre style v8 drawing the vector tiles with the colours, widths, opacities and labels of the layers'
 * SLD styles, translated from the parsed styles so that the two never drift apart). No HTTP here.
 */
package io.shikong.tiles.style;
