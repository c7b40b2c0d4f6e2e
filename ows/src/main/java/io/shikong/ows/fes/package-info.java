/** FES 2.0 and Filter Encoding 1.1 XML to GeoTools filters. */
package io.shikong.ows.fes;
