/** The OGC web services on {@code /ows}: KVP and XML dispatch, exception reports, shared OGC parsing. */
package io.shikong.api.ows;
