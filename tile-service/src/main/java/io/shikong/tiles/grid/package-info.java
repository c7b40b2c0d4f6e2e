/**
 * Tile matrix sets (OGC Two Dimensional Tile Matrix Set 2.0): WebMercatorQuad, WorldCRS84Quad, the
 * CGCS2000 geographic set of Tianditu ("c") and the GCJ-02 variant of WebMercatorQuad; tile bounds, tile
 * ranges of an area, per-layer limits, and the standard's JSON encoding.
 */
package io.shikong.tiles.grid;
