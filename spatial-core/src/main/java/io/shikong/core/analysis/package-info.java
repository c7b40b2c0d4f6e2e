/** Spatial analysis on top of the store SPI: true-metre distances and nearest-feature search. */
package io.shikong.core.analysis;
