/**
 * WMTS GetFeatureInfo: the request ({@link io.shikong.ows.wmts.getfeatureinfo.WmtsFeatureInfoRequest}) and
 * its handler, a WMS GetFeatureInfo over the tile's bounds and size so that formats and answers match WMS.
 */
package io.shikong.ows.wmts.getfeatureinfo;
