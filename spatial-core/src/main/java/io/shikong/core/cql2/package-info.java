/**
 * OGC CQL2 (OGC 21-065, the Common Query Language of OGC API - Features Part 3): its Text and JSON encodings
 * parsed into GeoTools filters ({@link io.shikong.core.cql2.Cql2}), which the JDBC stores compile to SQL like
 * every other filter. Written here because no library on the classpath reads CQL2: GeoTools' text module
 * ({@code org.geotools.filter.text.cql2}) is the older OGC Catalogue CQL despite its name, and GeoTools 33
 * has no CQL2 parser.
 */
package io.shikong.core.cql2;
