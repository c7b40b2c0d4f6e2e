package io.shikong.ows.fes;

import io.shikong.core.catalog.LayerDefinition;
import io.shikong.core.crs.Crs;
import io.shikong.core.crs.CrsService;
import io.shikong.core.fes.FilterProfile;
import io.shikong.core.fes.FilterReader;
import io.shikong.core.fes.GeometryOperands;
import io.shikong.ows.SrsName;
import io.shikong.ows.gml.GmlGeometryReader;
import java.util.function.Predicate;
import org.geotools.api.filter.Filter;
import org.locationtech.jts.geom.Envelope;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.geom.GeometryFactory;
import org.w3c.dom.Element;

/**
 * WFS's binding of the one filter reader ({@link FilterReader} in {@link FilterProfile#WFS}, spatial-core):
 * a filter of one layer, problems thrown at the first as an InvalidParameterValue on the locator, geometry
 * operands read with {@link GmlGeometryReader} (a missing srsName means the layer's default CRS in EPSG
 * axis order, as GDAL sends it) and handed on already in the storage CRS, so the SQL compiler needs no more
 * CRS work. Unknown properties are caught by the compiler.
 */
public final class FilterXmlParser implements GeometryOperands {

    private final LayerDefinition layer;
    private final CrsService crsService;
    private final Crs storage;
    private final SrsName defaultSrs;
    private final String locator;
    private final FilterReader reader;
    private GmlGeometryReader gml;

    public FilterXmlParser(LayerDefinition layer, CrsService crsService, String locator) {
        this.layer = layer;
        this.crsService = crsService;
        this.storage = crsService.resolve("EPSG:" + layer.srid());
        this.defaultSrs = SrsName.urn(storage);
        this.gml = new GmlGeometryReader(crsService, defaultSrs, locator);
        this.locator = locator;
        this.reader = FilterReader.forLayer(FilterProfile.WFS, layer, this, locator);
    }

    /**
     * Refuses resource ids that name another feature type ({@code pois.X} in a query of buildings) with an
     * InvalidParameterValue rather than matching nothing (WFS 2.0, 7.9.2.4.1).
     *
     * @param otherType whether an id belongs to another type the caller can see
     */
    public FilterXmlParser checkingTypes(Predicate<String> otherType) {
        reader.checkingTypes(otherType);
        return this;
    }

    /**
     * Reads geometry operands x/y whatever their srsName says, as {@link GmlGeometryReader} does for WFS 1.0
     * documents (older QGIS's transactions), which know no other order.
     */
    public FilterXmlParser readingXy(boolean forceXy) {
        this.gml = new GmlGeometryReader(crsService, defaultSrs, locator, forceXy);
        return this;
    }

    /** Parses a Filter element (its single child is the predicate, or a list of ids). */
    public Filter parse(Element filter) {
        return reader.read(filter);
    }

    /** A feature id without the {@code layer.} prefix GML ids carry. */
    public static String featureId(LayerDefinition layer, String id) {
        return FilterReader.featureId(layer, id);
    }

    @Override
    public Geometry geometry(Element e) {
        GmlGeometryReader.Read read = gml.read(e);
        Geometry g = read.srs().crs().equals(storage) ? read.geometry()
                : crsService.transform(read.geometry(), read.srs().crs(), storage);
        g.setSRID(layer.srid());
        return g;
    }

    @Override
    public Geometry envelope(Element e) {
        SrsName srs = gml.srs(e, defaultSrs);
        Envelope env = gml.envelope(e, srs);
        Envelope target = srs.crs().equals(storage) ? env : crsService.transform(env, srs.crs(), storage);
        Geometry g = new GeometryFactory().toGeometry(target);
        g.setSRID(layer.srid());
        return g;
    }
}
