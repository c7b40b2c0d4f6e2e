/**
 * The tile service: tile matrix sets ({@code grid}), vector tiles ({@code mvt}), raster tiles
 * ({@code raster}), the tile cache with its invalidation by change events ({@code cache}) and seeding jobs
 * ({@code seed}), TileJSON and MapLibre styles ({@code style}). No HTTP here: micronaut-api serves XYZ,
 * TileJSON and styles, the ows module serves WMTS.
 */
package io.shikong.tiles;
