/**
 * WFS 2.0 stored queries that clients manage (OGC 09-025r2 §14.5–14.6, conformance class
 * ManageStoredQueries): CreateStoredQuery, DropStoredQuery, ListStoredQueries, DescribeStoredQueries,
 * and their execution by GetFeature / GetPropertyValue. Definitions are kept by the core's
 * {@link io.shikong.core.storedquery.StoredQueryRepository} in the store's database.
 */
package io.shikong.ows.wfs.storedquery;
