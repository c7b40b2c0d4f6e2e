/**
 * The HTTP adapter of the OGC services on {@code /ows}, {@code /wfs} and {@code /wms}: dispatch of KVP (GET)
 * and XML (POST) requests to the protocol layer in {@link io.shikong.ows}, streamed answers, and every error
 * there as an OGC exception report.
 */
package io.shikong.api.ows;
