/**
 * The SQL store behind both deployments: {@link io.shikong.core.store.jdbc.JdbcFeatureStore} with a
 * {@link io.shikong.core.store.jdbc.SqlDialect} for PostGIS and one for the embedded H2GIS file.
 */
package io.shikong.core.store.jdbc;
