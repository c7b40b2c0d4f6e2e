/** Rendering features with SLD styles on Java2D: rules, symbolizers, generalization, label placement. */
package io.shikong.styles.render;
