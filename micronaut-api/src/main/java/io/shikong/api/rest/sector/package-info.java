/** {@code /api/v1/sector}: the spatial questions of the sector systems (pipelines, street view, supervision, housing). */
package io.shikong.api.rest.sector;
