/**
 * Apache Sedona jobs on Spark, run as their own process ({@code local[*]} or {@code spark-submit} to a
 * cluster), never inside the server: Spark cannot share the Micronaut classpath.
 *
 * <ul>
 *   <li>{@link io.shikong.ingest.spark.IngestJob}: reads a large GeoParquet, Shapefile, GeoJSON or CSV
 *       input with Sedona's readers, reprojects to the layer's CRS (GCJ-02/BD-09 through
 *       {@link io.shikong.ingest.spark.ChinaOffsetFunctions}), validates, partitions spatially and writes
 *       either to PostGIS (COPY per partition into a staging table, then one set-based merge into
 *       versions, {@link io.shikong.ingest.spark.VersionMerge}) or to GeoParquet.</li>
 *   <li>{@link io.shikong.ingest.spark.AnalyticsJob}: the sectors' heavy joins, written as PostGIS result
 *       tables with a primary key that the services can publish ({@link io.shikong.ingest.spark.Analyses},
 *       {@link io.shikong.ingest.spark.ResultTables}).</li>
 * </ul>
 */
package io.shikong.ingest.spark;
