/** WMS GetFeatureInfo: the features under a pixel of a map, as text, HTML, GeoJSON or GML. */
package io.shikong.ows.wms.getfeatureinfo;
