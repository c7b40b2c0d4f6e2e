/** WMS GetLegendGraphic: the legend of a layer's style as an image. */
package io.shikong.ows.wms.legend;
