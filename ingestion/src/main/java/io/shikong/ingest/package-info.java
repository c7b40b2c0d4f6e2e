/**
 * Ingestion: loading source files into versioned layers ({@link io.shikong.ingest.Ingest}: read,
 * map, type, validate, transform, spool, then merge into the store all or nothing, with a reject report)
 * and exporting layers ({@code io.shikong.ingest.write}). Readers are in {@code io.shikong.ingest.read}.
 * No Micronaut and no JDBC here: the store is reached through a {@link io.shikong.ingest.Loader}.
 */
package io.shikong.ingest;
