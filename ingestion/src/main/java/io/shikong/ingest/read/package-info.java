/**
 * Streaming readers of source files for ingestion: GeoJSON and GeoJSON Lines, CSV (WKT or
 * longitude/latitude, UTF-8 or GBK), GeoPackage, FlatGeobuf and Shapefile (plain or zipped, GBK DBFs).
 * Each reader yields {@link io.shikong.ingest.read.SourceRecord}s one at a time with the geometry in the
 * source CRS; {@link io.shikong.ingest.read.SourceReaders#open} picks the reader.
 */
package io.shikong.ingest.read;
