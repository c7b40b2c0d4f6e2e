/** Filters: ECQL parsing with GeoTools and compilation of GeoTools filters to parameterized SQL. */
package io.shikong.core.filter;
