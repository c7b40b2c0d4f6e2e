/**
 * OGC API - Features at {@code /ogcapi}: {@link io.shikong.api.ogcapi.OgcApiController}, the thin HTTP adapter of
 * {@code io.shikong.ows.oapif.OapifService} (errors as problem+json like the REST API).
 */
package io.shikong.api.ogcapi;
