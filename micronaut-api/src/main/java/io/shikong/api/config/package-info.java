/** Configuration and the wiring of the core (catalog, CRS service, store, sample data). */
package io.shikong.api.config;
