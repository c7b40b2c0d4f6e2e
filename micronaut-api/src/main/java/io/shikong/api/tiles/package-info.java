/**
 * The tiles over HTTP: XYZ tiles, tile matrix sets, TileJSON and MapLibre styles ({@code /tiles}), the
 * seeding jobs ({@code /api/v1/tiles/jobs}) and their command line ({@code tiles seed|truncate}), and the
 * beans of the tile service ({@link io.shikong.api.tiles.TilesFactory}). Thin adapters of the tile-service
 * module, which knows no HTTP.
 */
package io.shikong.api.tiles;
