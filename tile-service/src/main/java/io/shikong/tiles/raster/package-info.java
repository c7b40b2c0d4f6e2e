/**
 * Raster tiles (PNG, PNG8, JPEG) through the styles renderer, drawn by metatiles with a gutter so labels
 * are not cut at tile edges.
 */
package io.shikong.tiles.raster;
