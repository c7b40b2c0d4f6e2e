/** WMS GetCapabilities: the service and layer metadata (CRS, bounding boxes, TIME dimension, styles, legend URLs). */
package io.shikong.ows.wms.capabilities;
