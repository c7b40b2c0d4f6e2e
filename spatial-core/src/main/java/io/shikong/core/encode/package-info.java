/**
 * Encoders shared by the REST API and the OGC services: {@link io.shikong.core.encode.Chunks}, a document
 * produced chunk by chunk from an open cursor so that responses of any size stream in flat memory;
 * {@link io.shikong.core.encode.GeoJsonWriter}, RFC 7946 features and geometries on a Jackson generator;
 * {@link io.shikong.core.encode.FeatureCollectionStream}, a GeoJSON feature collection as chunks; and the
 * plain {@link io.shikong.core.encode.Link} they write. Free of any HTTP framework.
 */
package io.shikong.core.encode;
