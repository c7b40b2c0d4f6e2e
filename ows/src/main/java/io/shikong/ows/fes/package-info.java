/** WFS's binding of the shared OGC filter reader ({@code io.shikong.core.fes}): GML geometry operands, error locator. */
package io.shikong.ows.fes;
