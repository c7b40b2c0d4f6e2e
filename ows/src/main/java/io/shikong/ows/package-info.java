/**
 * The OGC protocol layer, free of any HTTP framework: KVP parameters ({@link io.shikong.ows.Kvp}), OWS
 * exception reports, SRS names, and below it FES filters, GML, secure XML reading and streaming XML writing,
 * and the WFS and WMS operations. The HTTP layer hands requests in and streams the answers out.
 */
package io.shikong.ows;
