package io.shikong.ows.wms.getmap;

import io.shikong.ows.wms.WmsExceptions;
import io.shikong.ows.wms.WmsVersion;
import io.shikong.core.catalog.LayerDefinition;
import io.shikong.core.crs.Crs;
import io.shikong.core.query.TimeSelection;
import io.shikong.styles.encode.ImageEncoder;
import java.awt.Color;
import java.util.List;
import org.geotools.api.filter.Filter;
import org.locationtech.jts.geom.Envelope;

/**
 * A GetMap (and the map part of GetFeatureInfo), read and checked.
 *
 * @param bbox       the extent in {@code crs}, x = longitude/easting (already swapped from 1.3.0 EPSG order)
 * @param styles     one style name per layer ("" = the layer's default)
 * @param filters    one filter per layer (CQL_FILTER), or {@code null}
 * @param sldBody    an SLD document given inline, or {@code null}
 * @param dpi        dots per inch of the output ({@link #OGC_DPI} unless the client says)
 */
public record GetMapRequest(WmsVersion version, List<LayerDefinition> layers, List<String> styles, Crs crs,
                            Envelope bbox, int width, int height, ImageEncoder.Format format, boolean transparent,
                            Color background, TimeSelection time, List<Filter> filters, byte[] sldBody,
                            WmsExceptions.Mode exceptions, double dpi) {

    /** The OGC standardized rendering pixel of 0.28 mm, in dots per inch. */
    public static final double OGC_DPI = 0.0254 / 0.00028;

    /** OGC standardized rendering pixel: 0.28 mm. */
    public static final double PIXEL_METRES = 0.00028;
    /** Metres per degree on the equator, the OGC convention for geographic scale denominators. */
    public static final double METRES_PER_DEGREE = 6378137 * Math.PI / 180;

    /** The scale denominator of this map, as SLD Min/MaxScaleDenominator means it. */
    public double scaleDenominator() {
        double unitsPerPixel = bbox.getWidth() / width;
        double metres = crs.geographic() ? unitsPerPixel * METRES_PER_DEGREE : unitsPerPixel;
        return metres / (0.0254 / dpi);
    }

    /** How much bigger symbols are drawn than at the OGC pixel: 1 unless a higher DPI was asked for. */
    public double symbolScale() {
        return dpi / OGC_DPI;
    }
}
