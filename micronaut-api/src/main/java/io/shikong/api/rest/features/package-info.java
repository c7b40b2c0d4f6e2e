/** {@code /api/v1/layers/{layer}/features}: queries, single features and history, as streamed GeoJSON. */
package io.shikong.api.rest.features;
