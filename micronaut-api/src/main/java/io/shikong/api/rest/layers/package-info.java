/** {@code /api/v1/layers}: the layers a caller may see, their schemas and extents. */
package io.shikong.api.rest.layers;
