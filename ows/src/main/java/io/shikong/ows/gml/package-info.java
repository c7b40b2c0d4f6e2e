/** GML geometries: reading GML 2/3.1.1/3.2 from requests and writing GML 3.1.1/3.2, with axis order. */
package io.shikong.ows.gml;
