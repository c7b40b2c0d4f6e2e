/** WMTS GetTile: the request ({@link io.shikong.ows.wmts.gettile.GetTileRequest}) and its KVP reader. */
package io.shikong.ows.wmts.gettile;
