/**
 * The one OGC Filter XML reader (FES 2.0, Filter Encoding 1.0/1.1) of WFS requests and SLD rules, with a
 * {@link io.shikong.core.fes.FilterProfile} saying which operators and which error strategy apply.
 */
package io.shikong.core.fes;
