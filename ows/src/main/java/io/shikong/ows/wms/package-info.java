/**
 * WMS 1.3.0 and 1.1.1: capabilities, GetMap (drawn with the layers' SLD styles), GetLegendGraphic,
 * GetFeatureInfo, version negotiation, and exceptions as the EXCEPTIONS parameter asks.
 */
package io.shikong.ows.wms;
