/**
 * WMS GetMap: the KVP reader ({@link io.shikong.ows.wms.getmap.GetMapKvpReader}) into an immutable
 * {@link io.shikong.ows.wms.getmap.GetMapRequest} (also read by GetFeatureInfo), and the handler that streams
 * each layer's features into the styles renderer within the pixel budget and encodes the image.
 */
package io.shikong.ows.wms.getmap;
