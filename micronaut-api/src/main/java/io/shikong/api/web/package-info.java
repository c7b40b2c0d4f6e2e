/**
 * The web page at {@code /} (static files in {@code public/}, OpenLayers and Swagger UI from their WebJars) and
 * what the browser cannot do by itself: {@link FootprintUploadController} reads an uploaded footprint file
 * (zipped Shapefile, CSV of coordinates, GeoJSON) with the ingestion readers and returns it as CRS84 GeoJSON.
 */
package io.shikong.api.web;
