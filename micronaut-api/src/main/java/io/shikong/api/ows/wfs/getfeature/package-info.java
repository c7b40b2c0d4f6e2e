/** WFS getfeature. */
package io.shikong.api.ows.wfs.getfeature;
