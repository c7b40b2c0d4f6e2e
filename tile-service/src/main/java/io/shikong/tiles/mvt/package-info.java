/**
 * Mapbox Vector Tiles: {@link io.shikong.tiles.mvt.VectorTiles} cuts a tile of one or more layers, from
 * the store's own encoder (PostGIS {@code ST_AsMVT}) or with the Java encoder (embedded store, GCJ-02
 * set), to the same features; {@link io.shikong.tiles.mvt.MvtSettings} holds extent, buffer and the
 * per-zoom simplification and feature limit.
 */
package io.shikong.tiles.mvt;
