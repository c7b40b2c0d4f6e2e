/** WFS capabilities. */
package io.shikong.api.ows.wfs.capabilities;
