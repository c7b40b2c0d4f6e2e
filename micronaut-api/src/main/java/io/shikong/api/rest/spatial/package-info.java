/** {@code /api/v1/layers/{layer}/spatial-query}: spatial relations, distances in metres, nearest features. */
package io.shikong.api.rest.spatial;
