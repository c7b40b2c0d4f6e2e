/**
 * Persistence of the WFS stored queries that clients create (WFS 2.0 CreateStoredQuery /
 * DropStoredQuery): {@link io.shikong.core.storedquery.StoredQueryRepository}, and
 * {@code JdbcStoredQueryRepository} (module store-jdbc) keeping them in the store's own
 * database (PostGIS or the embedded H2GIS file), so that they survive restarts.
 */
package io.shikong.core.storedquery;
