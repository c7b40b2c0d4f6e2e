/** Java2D drawing of geometries in a projected CRS: fills, hatching, labels, scale bar, legend. */
package io.shikong.styles.map;
