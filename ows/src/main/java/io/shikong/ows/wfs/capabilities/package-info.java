/** WFS capabilities. */
package io.shikong.ows.wfs.capabilities;
