/**
 * The store SPI ({@link io.shikong.core.store.FeatureStore}) and what it returns. Implementations
 * live in sub-packages: {@code jdbc} holds the shared SQL store and its dialects for PostGIS and the
 * embedded H2GIS database.
 */
package io.shikong.core.store;
