/** Typed parameter parsers shared by every protocol: BBOX, CRS, TIME, sort keys, limits. */
package io.shikong.core.params;
