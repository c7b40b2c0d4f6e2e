/** WFS getfeature. */
package io.shikong.ows.wfs.getfeature;
