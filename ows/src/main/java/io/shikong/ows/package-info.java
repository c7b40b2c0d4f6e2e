/**
 * The OGC protocol layer, free of any HTTP framework: {@link io.shikong.ows.OwsDispatcher}, the one entry of
 * every OGC request (service, operation and version found here, one {@link io.shikong.ows.OwsResponse}, failures
 * as {@link io.shikong.ows.OwsException} with their {@link io.shikong.ows.ErrorContext}), KVP parameters
 * ({@link io.shikong.ows.Kvp}), OWS exception reports, SRS names, and below it FES filters, GML, secure XML
 * reading and streaming XML writing, and the WFS and WMS operations. The HTTP layer hands requests in and
 * streams the answers out.
 */
package io.shikong.ows;
