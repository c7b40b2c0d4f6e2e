/**
 * WMTS 1.0.0: {@link io.shikong.ows.wmts.WmtsService}, the per-request entry with GetCapabilities, GetTile and
 * GetFeatureInfo by KVP and by RESTful path; the RESTful URL scheme ({@link io.shikong.ows.wmts.WmtsPaths},
 * templates and parsing in one place); WMTS's exception codes and locators
 * ({@link io.shikong.ows.wmts.WmtsExceptions}). Each operation is a package below: {@code capabilities},
 * {@code gettile} (the request and its KVP reader) and {@code getfeatureinfo} (WMS GetFeatureInfo over the
 * tile). Tiles come from {@link io.shikong.tiles.TileService}.
 */
package io.shikong.ows.wmts;
