/**
 * The tile cache on disk: tiles keyed by layers, style, matrix set, tile, time and format, invalidated by
 * the store's change events (the tiles a change's boxes touch, on every node), caught up after a restart.
 */
package io.shikong.tiles.cache;
