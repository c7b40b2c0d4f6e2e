/**
 * WMS 1.3.0 and 1.1.1: {@link io.shikong.ows.wms.WmsService}, the per-request entry with one method per
 * operation, and what the operations share: version negotiation ({@link io.shikong.ows.wms.WmsVersion}),
 * exceptions as the EXCEPTIONS parameter asks ({@link io.shikong.ows.wms.WmsExceptions}), the pixel budget
 * of the maps being drawn ({@link io.shikong.ows.wms.PixelBudget}) and style selection
 * ({@link io.shikong.ows.wms.WmsStyles}). Each operation is a package below: {@code capabilities},
 * {@code getmap}, {@code getfeatureinfo}, {@code legend}. WMS uses no WFS internals.
 */
package io.shikong.ows.wms;
