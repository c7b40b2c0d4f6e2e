/**
 * OGC API - Features (Parts 1 to 4, Part 5's sortables) on valid time, without HTTP: {@link
 * io.shikong.ows.oapif.OapifService} answers each resource (landing page, conformance, collections, items, one
 * item and its history, queryables, sortables, the OpenAPI definition) and each change (create, replace, update,
 * delete with ETag / If-Match) with an {@link io.shikong.ows.oapif.OapifResponse}; {@link
 * io.shikong.ows.oapif.ItemsReader} turns the query parameters into the core {@code Query} every interface shares;
 * {@link io.shikong.ows.oapif.OapifCrs} names the CRSs by URI (GCJ-02 and BD-09 by URIs of ours: no EPSG code
 * exists). The HTTP layer (micronaut-api's {@code OgcApiController}) only adapts requests and streams the answers.
 */
package io.shikong.ows.oapif;
