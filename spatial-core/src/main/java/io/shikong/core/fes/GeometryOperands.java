package io.shikong.core.fes;

import org.locationtech.jts.geom.Geometry;
import org.w3c.dom.Element;

/**
 * Reads the geometry operands of spatial operators (GML, which the OGC layer knows): the reader only finds
 * the element. Implementations throw on a bad geometry, with their own code and locator.
 */
public interface GeometryOperands {

    /** A GML geometry, in the layer's storage CRS with its SRID set. */
    Geometry geometry(Element gml);

    /** A BBOX operand (gml:Envelope or GML 2 Box) as a polygon in the layer's storage CRS with its SRID set. */
    Geometry envelope(Element gml);
}
