/** WMTS GetCapabilities: {@link io.shikong.ows.wmts.capabilities.WmtsCapabilitiesWriter}. */
package io.shikong.ows.wmts.capabilities;
