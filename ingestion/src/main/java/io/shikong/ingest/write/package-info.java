/**
 * Export of layers (a store read: as of an instant, filtered, in an output CRS) to GeoPackage,
 * FlatGeobuf, GeoJSON and CSV (WKT), streamed one feature at a time ({@link io.shikong.ingest.write.Exporter}).
 */
package io.shikong.ingest.write;
