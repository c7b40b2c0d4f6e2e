/**
 * Coordinate reference systems as Shikong serves them: the small supported set (CGCS2000 EPSG:4490 for
 * storage, WGS 84, Web Mercator, the CGCS2000 Gauss-Krüger zones, CRS84, and the Chinese web-map
 * offsets GCJ-02 and BD-09), parsing of every identifier form the OGC protocols send, and transforms
 * of points, envelopes and JTS geometries between them.
 *
 * <p>Axis order: inside Shikong a coordinate is always {@code x = longitude/easting,
 * y = latitude/northing}, whatever order EPSG defines. {@link io.shikong.core.crs.Crs#northingFirst()}
 * tells the protocol layers when they must swap axes on the wire (WMS 1.3, WFS 2, GML).
 *
 * <p>Projections and datums are GeoTools referencing; only the GCJ-02/BD-09 offsets, which no
 * geodetic library defines, are computed here ({@link io.shikong.core.crs.ChinaOffsets}).
 */
package io.shikong.core.crs;
